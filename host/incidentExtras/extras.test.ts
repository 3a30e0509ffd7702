import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { call, makeHost, sampleIncident, tableCounts } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';
import type { HostError } from '../../contract';

const tmp = useTempDirs();
const MIN = 60_000;

function clock(start = Date.UTC(2026, 0, 1, 8)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function upload(
  host: ReturnType<typeof makeHost>,
  incidentId: string,
  bytes: Buffer,
  fileName: string,
) {
  const { uploadId } = await call(host, 'attachment.begin', { incidentId, fileName, bytes: bytes.length });
  await call(host, 'attachment.chunk', { uploadId, offset: 0, data: bytes.toString('base64') });
  return call(host, 'attachment.finish', { uploadId });
}

describe('SLA escalation', () => {
  it('escalates each missed stage once, survives a restart without escalating again', async () => {
    const dir = tmp();
    const c = clock();
    let host = makeHost(dir, { now: c.now, incidentExtras: { slaSweepMs: 0 } });
    const heard: string[] = [];
    host.events.subscribe((e) => heard.push(e));
    const inc = await call(host, 'incident.create', { ...sampleIncident, priority: 'P1' });
    expect(host.extras.sla.sweep()).toEqual([]);
    c.advance(2 * MIN + 1);
    const overdue = host.extras.sla.sweep();
    expect(overdue).toEqual([{ incidentId: inc.id, stages: ['accept'], since: inc.createdAt + 2 * MIN }]);
    host.extras.sla.sweep();
    const escalations = () =>
      host.incidents.get(inc.id).timeline.filter((e) => (e.data as { sla?: unknown }).sla !== undefined);
    expect(escalations()).toHaveLength(1);
    expect(heard.filter((e) => e === 'sla.escalated')).toHaveLength(1);
    const audits = host.ctx.store.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sla.escalate'")
      .get() as { n: number };
    expect(audits.n).toBe(1);
    await host.close();

    host = makeHost(dir, { now: c.now, incidentExtras: { slaSweepMs: 0 } });
    host.extras.sla.sweep();
    expect(escalations()).toHaveLength(1);
    // Accepting meets the stage: it leaves the overdue set.
    await call(host, 'incident.setStatus', { id: inc.id, status: 'accepted' });
    expect(host.extras.sla.sweep()).toEqual([]);
    c.advance(4 * MIN);
    expect(host.extras.sla.sweep()[0]!.stages).toEqual(['dispatch']);
    expect(escalations().map((e) => (e.data as { sla: { stage: string } }).sla.stage)).toEqual([
      'accept',
      'dispatch',
    ]);
    await host.close();
  });

  it('never escalates demo incidents but still reports them overdue', async () => {
    const c = clock();
    const host = makeHost(tmp(), { now: c.now, incidentExtras: { slaSweepMs: 0 } });
    const inc = host.incidents.create(
      { ...sampleIncident, priority: 'P1', address: '', reporter: '', isDrill: false },
      { isDemo: true },
    );
    c.advance(10 * MIN);
    expect(host.extras.sla.sweep().map((o) => o.incidentId)).toEqual([inc.id]);
    expect(host.incidents.get(inc.id).timeline).toHaveLength(1);
    await host.close();
  });
});

describe('duplicates and merge', () => {
  it('suggests the nearby open incident and merges keeping both timelines', async () => {
    const host = makeHost(tmp(), { incidentExtras: { slaSweepMs: 0 } });
    const first = await call(host, 'incident.create', sampleIncident);
    await call(host, 'incident.addNote', { id: first.id, text: 'caller says 3rd floor' });
    const suggestions = await call(host, 'duplicates.suggest', {
      category: 'fire_safety',
      location: { lon: 103.6651, lat: 36.4951 },
    });
    expect(suggestions.map((s) => s.incident.id)).toEqual([first.id]);
    const second = await call(host, 'incident.create', { ...sampleIncident, description: 'smoke again' });
    const r = await call(host, 'incident.merge', { id: first.id, intoId: second.id, note: 'same fire' });
    expect(r.merged.status).toBe('closed');
    const closedEntry = host.incidents.get(first.id).timeline.find((e) => e.data.to === 'closed');
    expect(closedEntry?.data.mergedInto).toBe(second.id);
    const merged = await call(host, 'incident.mergedTimelines', { id: second.id });
    expect(merged).toHaveLength(1);
    expect(merged[0]!.timeline.some((e) => e.data.text === 'caller says 3rd floor')).toBe(true);
    // The merged one is closed: no longer suggested.
    expect(
      await call(host, 'duplicates.suggest', { category: 'fire_safety', location: sampleIncident.location }),
    ).toEqual([expect.objectContaining({ incident: expect.objectContaining({ id: second.id }) })]);
    await host.close();
  });

  it('a failed merge changes nothing: rows, timeline, audit, outbox and events', async () => {
    const host = makeHost(tmp(), { incidentExtras: { slaSweepMs: 0 } });
    const a = await call(host, 'incident.create', sampleIncident);
    const b = await call(host, 'incident.create', sampleIncident);
    // Fail the last write of the merge (the survivor's link entry) after the close already ran.
    host.ctx.store.db.exec(
      `CREATE TRIGGER fail_link BEFORE INSERT ON incident_timeline WHEN NEW.kind = 'link'
         AND json_extract(NEW.data, '$.relation') = 'merged_from'
       BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END`,
    );
    const before = tableCounts(host);
    const heard: string[] = [];
    host.events.subscribe((e) => heard.push(e));
    await expect(call(host, 'incident.merge', { id: a.id, intoId: b.id })).rejects.toMatchObject({
      hostError: { code: 'storage' },
    });
    expect(tableCounts(host)).toEqual(before);
    expect(host.incidents.require(a.id).status).toBe('reported');
    expect(host.incidents.require(a.id).version).toBe(a.version);
    expect(heard).toEqual([]);
    await host.close();
  });

  it('refuses merging into itself, into a closed incident, and names why', async () => {
    const host = makeHost(tmp(), { incidentExtras: { slaSweepMs: 0 } });
    const a = await call(host, 'incident.create', sampleIncident);
    const b = await call(host, 'incident.create', sampleIncident);
    await expect(call(host, 'incident.merge', { id: a.id, intoId: a.id })).rejects.toMatchObject({
      hostError: { code: 'bad_request' },
    });
    await call(host, 'incident.setStatus', { id: b.id, status: 'cancelled' });
    const e = await call(host, 'incident.merge', { id: a.id, intoId: b.id }).catch(
      (x: { hostError: HostError }) => x.hostError,
    );
    expect(String(e && 'params' in e ? e.params?.detail : '')).toContain('surviving incident is cancelled');
    await host.close();
  });
});

describe('attachments', () => {
  it('stores an image content-addressed, once, and adds it to the timeline', async () => {
    const dir = tmp();
    const host = makeHost(dir, { incidentExtras: { slaSweepMs: 0 } });
    const inc = await call(host, 'incident.create', sampleIncident);
    const entry = await upload(host, inc.id, PNG, 'smoke.png');
    expect(entry.kind).toBe('attachment');
    expect(entry.data.mimeType).toBe('image/png');
    const sha = String(entry.data.sha256);
    expect(existsSync(join(dir, 'attachments', sha))).toBe(true);
    await upload(host, inc.id, PNG, 'again.png');
    expect(await call(host, 'attachment.list', { incidentId: inc.id })).toHaveLength(2);
    const read = await call(host, 'attachment.read', { sha256: sha });
    expect(Buffer.from(read.data, 'base64').equals(PNG)).toBe(true);
    await host.close();
  });

  it('refuses a non-image by its bytes whatever its name, and a file over the limit', async () => {
    const host = makeHost(tmp(), { incidentExtras: { slaSweepMs: 0 } });
    const inc = await call(host, 'incident.create', sampleIncident);
    const before = tableCounts(host);
    await expect(upload(host, inc.id, Buffer.from('MZ this is an exe'), 'photo.png')).rejects.toMatchObject({
      hostError: { code: 'bad_request' },
    });
    await expect(
      call(host, 'attachment.begin', { incidentId: inc.id, fileName: 'huge.jpg', bytes: 11 * 1024 * 1024 }),
    ).rejects.toMatchObject({ hostError: { code: 'payload_too_large' } });
    expect(tableCounts(host)).toEqual(before);
    await host.close();
  });
});

describe('categories', () => {
  it('adds, renames and retires; a retired category cannot be chosen for a new incident', async () => {
    const host = makeHost(tmp(), { incidentExtras: { slaSweepMs: 0 } });
    let list = await call(host, 'category.save', { code: 'noise', nameZh: '噪音', nameEn: 'Noise' });
    expect(list.find((c) => c.code === 'noise')).toMatchObject({ nameEn: 'Noise', active: true });
    list = await call(host, 'category.save', { code: 'noise', nameZh: '噪声扰民', nameEn: 'Noise nuisance' });
    expect(list.find((c) => c.code === 'noise')?.nameZh).toBe('噪声扰民');
    await call(host, 'incident.create', { ...sampleIncident, category: 'noise' });
    await call(host, 'category.setActive', { code: 'noise', active: false });
    await expect(
      call(host, 'incident.create', { ...sampleIncident, category: 'noise' }),
    ).rejects.toMatchObject({
      hostError: { code: 'bad_request' },
    });
    await host.close();
  });
});

describe('sync of the extras', () => {
  it('a merge, an escalation and an attachment reach another console without a status conflict', async () => {
    const c = clock();
    const a = makeHost(tmp(), { now: c.now, incidentExtras: { slaSweepMs: 0 } });
    const b = makeHost(tmp(), { now: c.now, incidentExtras: { slaSweepMs: 0 } });
    const x = await call(a, 'incident.create', { ...sampleIncident, priority: 'P1' });
    const y = await call(a, 'incident.create', sampleIncident);
    c.advance(3 * MIN);
    a.extras.sla.sweep();
    await upload(a, x.id, PNG, 'x.png');
    await call(a, 'incident.merge', { id: x.id, intoId: y.id });
    // As the sync client does: a change that overtook its incident waits and is applied when it arrives.
    let queue = a.ctx.store.outbox.pending(1000);
    for (let pass = 0; queue.length && pass < 3; pass++) {
      queue = queue.filter((change) => b.incidents.applyRemote(change).kind === 'waiting');
    }
    expect(queue).toEqual([]);
    expect(b.incidents.require(x.id).status).toBe('closed');
    const conflicts = b.ctx.store.db.prepare('SELECT count(*) AS n FROM sync_conflicts').get() as {
      n: number;
    };
    expect(conflicts.n).toBe(0);
    const merged = await call(b, 'incident.mergedTimelines', { id: y.id });
    expect(merged[0]!.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['created', 'note', 'attachment', 'status', 'link']),
    );
    // B saw A's escalation of x's accept stage: its own sweep does not escalate it again.
    b.extras.sla.sweep();
    const notes = b.incidents.get(x.id).timeline.filter((e) => e.data.sla !== undefined);
    expect(notes).toHaveLength(1);
    // y is A's report: B highlights it once overdue but leaves the escalation to A.
    c.advance(10 * MIN);
    expect(b.extras.sla.sweep().map((o) => o.incidentId)).toContain(y.id);
    expect(b.incidents.get(y.id).timeline.filter((e) => e.data.sla !== undefined)).toHaveLength(0);
    await a.close();
    await b.close();
  });
});
