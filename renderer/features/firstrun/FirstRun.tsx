import { useTranslation } from 'react-i18next';
import { useSystemSetupMutation } from '../../app/api';
import { toHostError } from '../../app/hostClient';
import { Modal } from '../../app/Modal';

/** First start: choose an empty database or the demo district. */
export function FirstRun() {
  const { t } = useTranslation();
  const [setup, { isLoading, error }] = useSystemSetupMutation();
  const err = error ? toHostError(error) : null;
  return (
    <Modal labelledBy="firstrun-title" className="modal-firstrun" testId="firstrun-dialog">
      <h2 id="firstrun-title">{t('firstrun.title')}</h2>
      <p>{t('firstrun.body')}</p>
      <div className="firstrun-choices">
        <button
          type="button"
          className="choice"
          data-testid="firstrun-empty"
          data-autofocus
          disabled={isLoading}
          onClick={() => void setup({ mode: 'empty' })}
        >
          <strong>{t('firstrun.empty')}</strong>
          <span>{t('firstrun.emptyHint')}</span>
        </button>
        <button
          type="button"
          className="choice"
          data-testid="firstrun-demo"
          disabled={isLoading}
          onClick={() => void setup({ mode: 'demo' })}
        >
          <strong>{t('firstrun.demo')}</strong>
          <span>{t('firstrun.demoHint')}</span>
        </button>
      </div>
      {isLoading && <p className="muted">{t('firstrun.working')}</p>}
      {err && (
        <div className="form-error" role="alert">
          {t(err.key, err.params)}
        </div>
      )}
    </Modal>
  );
}
