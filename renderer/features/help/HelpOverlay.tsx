import { useTranslation } from 'react-i18next';
import { Modal } from '../../app/Modal';
import { useAppDispatch } from '../../app/store';
import { closeHelp } from './helpSlice';

export function HelpOverlay() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const rows: [string[], string][] = [
    [['j', '↓'], 'help.next'],
    [['k', '↑'], 'help.prev'],
    [['n'], 'help.new'],
    [['d'], 'help.dispatch'],
    [['u'], 'help.units'],
    [['A', 'E', 'O', 'R', 'C'], 'help.statusKeys'],
    [['/'], 'help.search'],
    [['?'], 'help.help'],
    [['Esc'], 'help.close'],
  ];
  return (
    <Modal
      labelledBy="help-title"
      onClose={() => dispatch(closeHelp())}
      className="modal-help"
      testId="help-overlay"
    >
      <h2 id="help-title">{t('help.title')}</h2>
      <table className="help-table">
        <tbody>
          {rows.map(([keys, label]) => (
            <tr key={label}>
              <td>
                {keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' / '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="btn" data-autofocus onClick={() => dispatch(closeHelp())}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}
