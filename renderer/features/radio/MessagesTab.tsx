import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AprsMessageTextSchema, CallsignSchema } from '../../../contract/radio';
import { toHostError } from '../../app/hostClient';
import { useLocale } from '../../app/useLocale';
import { formatDateTime, formatTime } from '../../i18n/format';
import {
  MESSAGES_ALL,
  useRadioHeardListQuery,
  useRadioMessageListQuery,
  useRadioMessageMarkReadMutation,
  useRadioMessageSendMutation,
} from './radioApi';
import type { HostError } from '../../../contract/errors';

function SendForm() {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [errs, setErrs] = useState<{ to?: string; text?: string; host?: HostError }>({});
  const [send, { isLoading }] = useRadioMessageSendMutation();
  const submit = async () => {
    const e: typeof errs = {};
    if (!CallsignSchema.safeParse(to).success) e.to = t('radio.msg.badCallsign');
    const tr = AprsMessageTextSchema.safeParse(text);
    if (!tr.success) e.text = text.trim() ? t('radio.msg.badText') : t('radio.msg.emptyText');
    setErrs(e);
    if (e.to || e.text) return;
    const r = await send({ to: to.trim().toUpperCase(), text: text.trim() });
    if ('error' in r && r.error) setErrs({ host: toHostError(r.error) });
    else setText('');
  };
  return (
    <form
      className="msg-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="field">
        <span>{t('radio.msg.to')}</span>
        <input
          data-testid="msg-to"
          value={to}
          autoComplete="off"
          spellCheck={false}
          maxLength={9}
          placeholder="BG7ABC-9"
          aria-invalid={!!errs.to}
          onChange={(e) => setTo(e.target.value.toUpperCase())}
        />
        {errs.to && <span className="field-error">{errs.to}</span>}
      </label>
      <label className="field msg-text">
        <span>{t('radio.msg.text', { n: 67 - text.length })}</span>
        <input
          data-testid="msg-text"
          value={text}
          maxLength={67}
          autoComplete="off"
          aria-invalid={!!errs.text}
          onChange={(e) => setText(e.target.value)}
        />
        {errs.text && <span className="field-error">{errs.text}</span>}
      </label>
      <button type="submit" className="btn btn-primary" data-testid="msg-send" disabled={isLoading}>
        {t('radio.msg.send')}
      </button>
      {errs.host && (
        <div className="inline-error span-all" role="alert" data-testid="msg-error">
          {t(errs.host.key, errs.host.params)}
        </div>
      )}
    </form>
  );
}

export function MessagesTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, error } = useRadioMessageListQuery(MESSAGES_ALL);
  const [markRead] = useRadioMessageMarkReadMutation();
  const err = error ? toHostError(error) : null;
  return (
    <div className="messages">
      <SendForm />
      {err && (
        <div className="inline-error" role="alert">
          {t(err.key, err.params)}
        </div>
      )}
      {data && data.length === 0 && <p className="muted">{t('radio.msg.none')}</p>}
      <ul className="msg-list" data-testid="msg-list">
        {data?.map((m) => (
          <li
            key={m.id}
            className={`msg msg-${m.direction}${m.direction === 'in' && m.readAt === null ? ' unread' : ''}`}
            data-testid="msg-row"
            data-state={m.state}
          >
            <div className="msg-head">
              <span className="mono">{m.direction === 'in' ? m.from : `→ ${m.to}`}</span>
              <time className="mono" title={formatDateTime(m.at, locale)}>
                {formatTime(m.at, locale)}
              </time>
              <span className={`msg-state st-msg-${m.state}`}>{t(`radio.msg.state.${m.state}`)}</span>
              {m.direction === 'out' && (
                <span className="muted small">
                  {t('radio.msg.attempts', { n: m.attempts, max: m.maxAttempts })}
                </span>
              )}
            </div>
            <div className="msg-text-body">{m.text}</div>
            {m.direction === 'in' && m.readAt === null && (
              <button type="button" className="btn btn-small" onClick={() => void markRead({ id: m.id })}>
                {t('radio.msg.markRead')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function HeardTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, error } = useRadioHeardListQuery();
  const err = error ? toHostError(error) : null;
  return (
    <div className="heard">
      {err && (
        <div className="inline-error" role="alert">
          {t(err.key, err.params)}
        </div>
      )}
      {data && data.length === 0 && <p className="muted">{t('radio.heard.none')}</p>}
      {data && data.length > 0 && (
        <table className="heard-table" data-testid="heard-table">
          <thead>
            <tr>
              <th>{t('radio.heard.callsign')}</th>
              <th>{t('radio.heard.last')}</th>
              <th>{t('radio.heard.packets')}</th>
              <th>{t('radio.heard.position')}</th>
              <th>{t('radio.heard.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((h) => (
              <tr key={h.callsign} data-testid="heard-row">
                <td className="mono">{h.callsign}</td>
                <td className="mono">{formatTime(h.lastHeardAt, locale)}</td>
                <td>{h.packets}</td>
                <td className="mono">
                  {h.position ? `${h.position.lat.toFixed(4)}, ${h.position.lon.toFixed(4)}` : '—'}
                </td>
                <td>{h.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
