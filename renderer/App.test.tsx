// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Provider } from 'react-redux';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { makeStore } from './app/store';
import { wireHostEvents } from './app/hostEvents';
import { createFakeHost, makeIncident, type FakeHostOptions } from './app/testing/fakeHost';
import { createI18n, type Locale } from './i18n';
import { makeHostError } from '../contract/errorMessages';

beforeAll(() => {
  // jsdom has no layout: give the virtualizer and scrolling what they need.
  class RO {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  (globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver ??= RO;
  Element.prototype.scrollTo ??= function () {};
  // The virtualized queue measures its scroll element; pretend every element has a size.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 420 });
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function setup(opts: FakeHostOptions = {}, locale: Locale = 'en-US') {
  const host = createFakeHost(opts);
  const store = makeStore(host, { settings: { locale } });
  wireHostEvents(host, store);
  const i18n = createI18n(locale);
  const utils = render(
    <Provider store={store}>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </Provider>,
  );
  return { host, store, i18n, ...utils };
}

const key = (k: string, init: KeyboardEventInit = {}) =>
  fireEvent.keyDown(document.body, { key: k, ...init });

describe('App', () => {
  it('shows the queue sorted P1 first then oldest first, with row test ids', async () => {
    const now = Date.now();
    const a = makeIncident({ priority: 'P3', createdAt: now - 60_000, description: 'three' });
    const b = makeIncident({
      priority: 'P1',
      createdAt: now - 5 * 60_000,
      description: 'one-old',
      isDemo: true,
    });
    const c = makeIncident({
      priority: 'P1',
      createdAt: now - 60_000,
      description: 'one-new',
      isDrill: true,
    });
    const closed = makeIncident({ priority: 'P1', status: 'closed', description: 'closed one' });
    setup({ incidents: [a, b, c, closed] });
    await waitFor(() => expect(screen.getAllByTestId('incident-row')).toHaveLength(3));
    const ids = screen.getAllByTestId('incident-row').map((r) => r.getAttribute('data-id'));
    expect(ids).toEqual([b.id, c.id, a.id]);
    expect(screen.getAllByTestId('incident-row')[0]!.textContent).toContain('5 min ago');
    expect(screen.getAllByTestId('incident-row')[0]!.textContent).toContain('DEMO');
    expect(screen.getAllByTestId('incident-row')[1]!.textContent).toContain('DRILL');
    expect(screen.getByTestId('open-p1-count').getAttribute('data-count')).toBe('2');
    // "All" includes the closed one.
    fireEvent.click(screen.getByTestId('filter-all'));
    await waitFor(() => expect(screen.getAllByTestId('incident-row')).toHaveLength(4));
  });

  it('moves the selection with j/k, shows only legal next statuses, and changes status from events', async () => {
    const inc = makeIncident({ priority: 'P1', description: 'Smoke on floor 3' });
    const other = makeIncident({ priority: 'P2' });
    setup({ incidents: [inc, other] });
    await waitFor(() => expect(screen.getAllByTestId('incident-row')).toHaveLength(2));
    key('j');
    await waitFor(() => expect(screen.getByTestId('detail-panel').getAttribute('data-id')).toBe(inc.id));
    expect(screen.getAllByTestId('incident-row')[0]!.getAttribute('aria-selected')).toBe('true');
    key('j');
    await waitFor(() => expect(screen.getByTestId('detail-panel').getAttribute('data-id')).toBe(other.id));
    key('k');
    await waitFor(() =>
      expect(screen.getByTestId('detail-description').textContent).toBe('Smoke on floor 3'),
    );
    // reported → accepted | cancelled only.
    const buttons = screen
      .getAllByRole('button')
      .filter((b) => b.dataset.testid?.startsWith('status-button-'));
    expect(buttons.map((b) => b.dataset.testid).sort()).toEqual([
      'status-button-accepted',
      'status-button-cancelled',
    ]);
    expect(screen.getByTestId('status-button-accepted').textContent).toBe('Accept');

    fireEvent.change(screen.getByTestId('status-note'), { target: { value: 'on it' } });
    fireEvent.click(screen.getByTestId('status-button-accepted'));
    await waitFor(() =>
      expect(screen.getByTestId('detail-status').getAttribute('data-status')).toBe('accepted'),
    );
    expect(screen.getByTestId('status-button-dispatched')).toBeTruthy();
    const entries = screen.getAllByTestId('timeline-entry');
    expect(entries[0]!.getAttribute('data-kind')).toBe('status'); // newest first
    expect(entries[0]!.textContent).toContain('Reported → Accepted');
    expect(entries[0]!.textContent).toContain('on it');

    fireEvent.change(screen.getByTestId('note-input'), { target: { value: 'called the owner' } });
    fireEvent.click(screen.getByTestId('note-submit'));
    await waitFor(() =>
      expect(screen.getAllByTestId('timeline-entry')[0]!.textContent).toContain('called the owner'),
    );
    expect(screen.getAllByTestId('timeline-entry')).toHaveLength(3);
  });

  it('updates the queue when another console changes an incident (event, no polling)', async () => {
    const inc = makeIncident({ priority: 'P2' });
    const { host } = setup({ incidents: [inc] });
    await waitFor(() => expect(screen.getAllByTestId('incident-row')).toHaveLength(1));
    const listCalls = host.calls.filter((c) => c.method === 'incident.list').length;
    // The host commits before it publishes: the queue's pages refetch `incident.query` on the event.
    const afar = makeIncident({ priority: 'P1', description: 'from afar' });
    host.incidents.set(afar.id, afar);
    act(() => host.emit('incident.changed', { incident: afar, entry: null }));
    await waitFor(() => expect(screen.getAllByTestId('incident-row')).toHaveLength(2));
    expect(screen.getAllByTestId('incident-row')[0]!.textContent).toContain('from afar');
    expect(host.calls.filter((c) => c.method === 'incident.list').length).toBe(listCalls);
  });

  it('creates an incident from the form (n, validation, Enter in the last field, Esc)', async () => {
    const { host } = setup({ incidents: [] });
    await waitFor(() => expect(screen.getByText('No incidents match')).toBeTruthy());
    key('n');
    const dialog = await screen.findByTestId('new-incident-dialog');
    fireEvent.click(within(dialog).getByTestId('submit-incident'));
    expect(screen.getByTestId('field-description').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('field-lon').getAttribute('aria-invalid')).toBe('true');
    expect(host.calls.some((c) => c.method === 'incident.create')).toBe(false);

    await waitFor(() => expect(screen.getAllByRole('option', { hidden: true }).length).toBeGreaterThan(0));
    fireEvent.change(screen.getByTestId('field-category'), { target: { value: 'fire_safety' } });
    fireEvent.click(screen.getByTestId('field-priority-P1'));
    fireEvent.change(screen.getByTestId('field-source'), { target: { value: 'radio' } });
    fireEvent.change(screen.getByTestId('field-lon'), { target: { value: '114.31' } });
    fireEvent.change(screen.getByTestId('field-lat'), { target: { value: '30.52' } });
    fireEvent.change(screen.getByTestId('field-address'), { target: { value: 'Dock 1' } });
    fireEvent.change(screen.getByTestId('field-description'), { target: { value: 'Person in the water' } });
    fireEvent.change(screen.getByTestId('field-reporter'), { target: { value: 'Patrol 3' } });
    fireEvent.click(screen.getByTestId('field-drill'));
    fireEvent.keyDown(screen.getByTestId('field-drill'), { key: 'Enter' });
    await waitFor(() => expect(screen.queryByTestId('new-incident-dialog')).toBeNull());
    const create = host.calls.find((c) => c.method === 'incident.create')!;
    expect(create.params).toMatchObject({
      category: 'fire_safety',
      priority: 'P1',
      source: 'radio',
      location: { lon: 114.31, lat: 30.52 },
      address: 'Dock 1',
      description: 'Person in the water',
      reporter: 'Patrol 3',
      isDrill: true,
    });
    await waitFor(() => expect(screen.getAllByTestId('incident-row')).toHaveLength(1));
    // The new incident is selected.
    await waitFor(() =>
      expect(screen.getByTestId('detail-description').textContent).toBe('Person in the water'),
    );

    key('n');
    await screen.findByTestId('new-incident-dialog');
    fireEvent.keyDown(screen.getByTestId('field-category'), { key: 'Escape' });
    expect(screen.queryByTestId('new-incident-dialog')).toBeNull();
  });

  it('shows a host error next to the form, translated, with the field highlighted', async () => {
    const { host } = setup({ incidents: [] }, 'zh-CN');
    fireEvent.click(await screen.findByTestId('new-incident-button'));
    await waitFor(() => expect(screen.getAllByRole('option', { hidden: true }).length).toBeGreaterThan(1));
    fireEvent.change(screen.getByTestId('field-category'), { target: { value: 'fire_safety' } });
    fireEvent.change(screen.getByTestId('field-lon'), { target: { value: '114.31' } });
    fireEvent.change(screen.getByTestId('field-lat'), { target: { value: '30.52' } });
    fireEvent.change(screen.getByTestId('field-description'), { target: { value: 'x' } });
    host.failNext(
      'incident.create',
      makeHostError('bad_request', { method: 'incident.create', detail: 'lat out of range' }, [
        { path: 'location.lat', message: 'Too big' },
      ]),
    );
    fireEvent.click(screen.getByTestId('submit-incident'));
    const err = await screen.findByTestId('form-error');
    expect(err.textContent).toContain('对“incident.create”的请求无效');
    expect(err.textContent).toContain('location.lat');
    expect(screen.getByTestId('field-lat').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('new-incident-dialog')).toBeTruthy();
  });

  it('switches language instantly and remembers it', async () => {
    setup({ incidents: [makeIncident()] }, 'zh-CN');
    expect(await screen.findByText('事件队列')).toBeTruthy();
    expect(screen.getByTestId('connection-status').textContent).toContain('已连接');
    expect(screen.getByTestId('sync-status').textContent).toContain('本地模式');
    fireEvent.click(screen.getByTestId('lang-switch'));
    expect(await screen.findByText('Incident queue')).toBeTruthy();
    expect(screen.getByTestId('sync-status').textContent).toContain('Local only');
    expect(localStorage.getItem('fengsui.locale')).toBe('en-US');
    expect(document.documentElement.lang).toBe('en-US');
  });

  it('offers empty/demo on first run and calls system.setup', async () => {
    const { host } = setup({ firstRun: true });
    const demo = await screen.findByTestId('firstrun-demo');
    expect(screen.getByText('Welcome to Fengsui')).toBeTruthy();
    expect(screen.getByTestId('firstrun-empty')).toBeTruthy();
    // Shortcuts are off behind the dialog.
    key('n');
    expect(screen.queryByTestId('new-incident-dialog')).toBeNull();
    fireEvent.click(demo);
    await waitFor(() => expect(screen.queryByTestId('firstrun-dialog')).toBeNull());
    expect(host.calls.find((c) => c.method === 'system.setup')?.params).toEqual({ mode: 'demo' });
    expect(await screen.findByTestId('demo-badge')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('incident-row')).toHaveLength(1));
  });

  it('shows the operator, backs up on request and reports the result', async () => {
    setup({});
    await waitFor(() => expect(screen.getByTestId('operator').textContent).toContain('Zhang San'));
    expect(screen.queryByTestId('demo-badge')).toBeNull();
    expect(screen.queryByTestId('drill-banner')).toBeNull();
    fireEvent.click(screen.getByTestId('backup-now'));
    await waitFor(() =>
      expect(screen.getByTestId('backup-result').textContent).toContain('fengsui-20260101.db'),
    );
    expect(screen.getByTestId('backup-result').textContent).toContain('verified ✔');
    expect((await screen.findAllByTestId('toast')).length).toBeGreaterThan(0);
  });

  it('shows the link state and a full-screen notice when the host refuses the token', async () => {
    const { host } = setup({});
    await waitFor(() =>
      expect(screen.getByTestId('connection-status').getAttribute('data-state')).toBe('open'),
    );
    expect(screen.queryByTestId('link-lost')).toBeNull();
    act(() => host.setConnection('closed'));
    expect(screen.getByTestId('connection-status').getAttribute('data-state')).toBe('closed');
    expect(screen.getByTestId('link-lost')).toBeTruthy();
    act(() => host.setConnection('connecting'));
    expect(screen.getByTestId('link-lost')).toBeTruthy();
    act(() => host.setConnection('open'));
    expect(screen.queryByTestId('link-lost')).toBeNull();
    act(() => host.setConnection('closed'));
    act(() => host.setConnection('unauthorized'));
    expect(screen.getByTestId('unauthorized').textContent).toContain('address printed in the terminal');
  });

  it('opens the help overlay with ? and closes it with Esc; / focuses search', async () => {
    setup({ incidents: [makeIncident({ description: 'alpha' }), makeIncident({ description: 'beta' })] });
    await waitFor(() => expect(screen.getAllByTestId('incident-row')).toHaveLength(2));
    key('?');
    const help = await screen.findByTestId('help-overlay');
    expect(help.textContent).toContain('Next incident');
    fireEvent.keyDown(help, { key: 'Escape' });
    expect(screen.queryByTestId('help-overlay')).toBeNull();
    key('/');
    expect(document.activeElement).toBe(screen.getByTestId('queue-search'));
    fireEvent.change(screen.getByTestId('queue-search'), { target: { value: 'beta' } });
    await waitFor(() => expect(screen.getAllByTestId('incident-row')).toHaveLength(1));
    // Typing in the search box does not trigger shortcuts.
    fireEvent.keyDown(screen.getByTestId('queue-search'), { key: 'n' });
    expect(screen.queryByTestId('new-incident-dialog')).toBeNull();
  });
});
