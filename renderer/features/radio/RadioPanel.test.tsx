// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Provider } from 'react-redux';
import { I18nextProvider } from 'react-i18next';
import { makeStore } from '../../app/store';
import { createFakeHost, uuid } from '../../app/testing/fakeHost';
import { createI18n } from '../../i18n';
import { RadioPanel, isTypingTarget } from './RadioPanel';
import { radioProfileChosen } from './radioSlice';

afterEach(cleanup);

function setup() {
  const host = createFakeHost();
  const store = makeStore(host, { settings: { locale: 'en-US' } });
  store.dispatch(radioProfileChosen(uuid()));
  render(
    <Provider store={store}>
      <I18nextProvider i18n={createI18n('en-US')}>
        <RadioPanel onClose={() => {}} />
      </I18nextProvider>
    </Provider>,
  );
  return { host, store };
}

describe('RadioPanel push-to-talk keys', () => {
  it('text fields keep the space bar; buttons and the panel do not', () => {
    const input = document.createElement('input');
    const check = document.createElement('input');
    check.type = 'checkbox';
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true);
    expect(isTypingTarget(check)).toBe(false);
    expect(isTypingTarget(document.createElement('button'))).toBe(false);
  });

  it('space held on the panel asks the host to key (with source spacebar); space in the message field does not', async () => {
    const { host } = setup();
    fireEvent.click(screen.getByTestId('radio-tab-messages'));
    const text = screen.getByTestId('msg-text');
    fireEvent.keyDown(text, { key: ' ' });
    fireEvent.keyUp(text, { key: ' ' });
    expect(host.calls.filter((c) => c.method === 'radio.ptt.key')).toHaveLength(0);

    const panel = screen.getByTestId('radio-panel');
    fireEvent.keyDown(panel, { key: ' ' });
    fireEvent.keyDown(panel, { key: ' ', repeat: true });
    await waitFor(() => expect(host.calls.filter((c) => c.method === 'radio.ptt.key')).toHaveLength(1));
    expect(host.calls.find((c) => c.method === 'radio.ptt.key')!.params).toMatchObject({
      source: 'spacebar',
    });
    // The fake host does not know the method: the refusal is shown and the key is released.
    await waitFor(() => expect(screen.getByTestId('ptt-error')).toBeTruthy());
    expect(screen.getByTestId('ptt-status').getAttribute('data-state')).toBe('idle');
  });
});
