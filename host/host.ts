import { userInfo } from 'node:os';
import { HybridClock } from '../contract';
import type { HostContext } from './context';
import { EventBus } from './eventBus';
import { createLogger, type Logger } from './logger';
import { Router } from './router';
import { Store } from './store';
import { GridIndex } from './grid/gridIndex';
import { IncidentService } from './incidents/service';
import { incidentHandlers } from './incidents/handlers';
import { referenceHandlers } from './reference/handlers';
import { systemHandlers } from './system/handlers';
import { SetupService } from './system/setup';
import { currentCall } from './callScope';
import { usersFeature } from './users/feature';
import type { HostFeature } from './feature';
import { RadioFeature, type RadioOptions } from './radio/feature';
import { SyncFeature, type SyncOptions } from './sync/feature';
import { adoptDeviceId } from './sync/identity';
import { deviceIdOf } from './sync/credential';
import { gridFeature } from './grid/feature';
import { DispatchFeature, type DispatchOptions } from './dispatch/feature';
import { basemapFeature } from './basemap/feature';
import { mapFeedFeature } from './mapFeed/feature';
import { QueueFeature } from './queue/feature';
import { IncidentExtrasFeature, type IncidentExtrasOptions } from './incidentExtras/feature';

export interface HostOptions {
  dataDir: string;
  /** Load the demo district (if not loaded yet) and skip the first-run question. */
  demo?: boolean;
  operator?: string;
  log?: Logger;
  /** Scheduled online backups; 0 disables (tests). Default every 6 hours. */
  backupIntervalMs?: number;
  validateResults?: boolean;
  now?: () => number;
  /** Central sync server (`--server`); without it the console stays `local`. */
  sync?: SyncOptions;
  /** Radio bridges: serial port implementation (tests: SerialPortMock), retry/backoff timings. */
  radio?: RadioOptions;
  /** Dispatch: acknowledgement limit and escalation sweep (tests set them). */
  dispatch?: DispatchOptions;
  /** SLA sweep interval (tests set 0 and sweep by hand). */
  incidentExtras?: IncidentExtrasOptions;
}

function defaultOperator(): string {
  try {
    return process.env.FENGSUI_OPERATOR || userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}

/** The one back end: opens the store, wires the features, and exposes a router + event bus to transports. */
export class Host {
  readonly router: Router;
  readonly events = new EventBus();
  readonly ctx: HostContext;
  /** Accounts, sessions, roles (the router's gate), shift handover, the audit viewer. */
  readonly users: ReturnType<typeof usersFeature>;
  readonly incidents: IncidentService;
  readonly sync: SyncFeature;
  readonly dispatch: DispatchFeature;
  /** The queue at scale and the KPIs; the SLA feature plugs its overdue set in with `queue.setOverdueSource`. */
  readonly queue: QueueFeature;
  readonly extras: IncidentExtrasFeature;
  private readonly backupTimer: NodeJS.Timeout | null;
  private readonly features: HostFeature[];
  private gridIndex: GridIndex;

  constructor(readonly options: HostOptions) {
    const log = options.log ?? createLogger();
    if (options.sync) adoptDeviceId(options.dataDir, deviceIdOf(options.sync.credential));
    const store = Store.open(options.dataDir);
    const clock = new HybridClock(store.consoleId, options.now);
    clock.seed(store.outbox.lastHlc(store.db));
    const operator = options.operator ?? defaultOperator();
    this.ctx = {
      store,
      clock,
      events: this.events,
      log,
      consoleId: store.consoleId,
      // Per call: the window's signed-in user (host/users/), else the console's operator (open mode, sweeps).
      operator: () => currentCall()?.operator ?? operator,
      now: options.now ?? Date.now,
    };
    this.gridIndex = new GridIndex(store.reference.gridCells());
    this.incidents = new IncidentService(this.ctx, () => this.gridIndex);
    const reloadGrid = () => {
      const cells = store.reference.gridCells();
      this.gridIndex = new GridIndex(cells);
      this.events.publish('grid.changed', { cells: cells.length });
    };
    const setup = new SetupService(this.ctx, this.incidents, reloadGrid);
    if (options.demo) setup.choose('demo');
    this.users = usersFeature(this.ctx, {
      openOperator: operator,
      overdue: () => this.extras.sla.currentOverdue(),
    });

    // Features beyond the foundation: each brings its handlers and its own start/stop.
    this.sync = new SyncFeature(this.ctx, this.incidents, options.sync, this.users.users);
    this.dispatch = new DispatchFeature(this.ctx, this.incidents, options.dispatch);
    this.extras = new IncidentExtrasFeature(this.ctx, this.incidents, options.incidentExtras);
    this.features = [
      this.users,
      this.sync,
      gridFeature(this.ctx, () => this.gridIndex, reloadGrid),
      new RadioFeature(this.ctx, this.incidents, options.radio),
      this.dispatch,
      basemapFeature(this.ctx),
      mapFeedFeature(this.ctx),
      (this.queue = new QueueFeature(this.ctx)),
      this.extras,
    ];
    this.queue.setOverdueSource(() => this.extras.sla.currentOverdue().map((o) => o.incidentId));

    this.router = new Router(
      [
        systemHandlers(this.ctx, setup, () => this.sync.status()),
        referenceHandlers(this.ctx),
        incidentHandlers(this.ctx, this.incidents),
        ...this.features.flatMap((f) => f.handlers),
      ],
      { log, validateResults: options.validateResults, gate: this.users.gate },
    );
    for (const f of this.features) f.start?.();

    const interval = options.backupIntervalMs ?? 6 * 60 * 60 * 1000;
    this.backupTimer = interval > 0 ? setInterval(() => this.scheduledBackup(), interval) : null;
    this.backupTimer?.unref();
    log.info(
      { dataDir: options.dataDir, consoleId: store.consoleId, schema: store.schemaVersion },
      'host started',
    );
  }

  private scheduledBackup(): void {
    this.ctx.store.backups.backupNow('scheduled').then(
      (info) => this.events.publish('backup.completed', info),
      (e: Error) => {
        this.ctx.log.error({ err: e.message }, 'scheduled backup failed');
        this.events.publish('backup.failed', { message: e.message });
      },
    );
  }

  /** A window closed or its connection dropped: features release what it held (a keyed transmitter). */
  clientDisconnected(clientId: string): void {
    for (const f of this.features) {
      try {
        f.clientDisconnected?.(clientId);
      } catch (e) {
        this.ctx.log.error(
          { feature: f.name, err: (e as Error).message },
          'client disconnect handling failed',
        );
      }
    }
  }

  /** Stops features (bridges unkey radios, close ports, flush sync) and then closes the store. */
  async close(): Promise<void> {
    if (this.backupTimer) clearInterval(this.backupTimer);
    for (const f of [...this.features].reverse()) {
      try {
        await f.close?.();
      } catch (e) {
        this.ctx.log.error({ feature: f.name, err: (e as Error).message }, 'feature failed to close');
      }
    }
    this.ctx.store.close();
  }
}
