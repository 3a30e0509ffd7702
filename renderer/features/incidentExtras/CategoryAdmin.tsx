import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostError } from '../../../contract/errors';
import { useCategoryListQuery } from '../../app/api';
import { toHostError } from '../../app/hostClient';
import { Modal } from '../../app/Modal';
import { useCategorySaveMutation, useCategorySetActiveMutation } from './extrasApi';
import { DuplicateSettingsForm } from './DuplicateSettings';
import { SlaSettings } from './SlaSettings';

/** Incident settings: categories (add, rename, retire, restore; zh-CN and en-US names), SLA limits, duplicates. */
function CategoryAdminDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { data: categories } = useCategoryListQuery();
  const [save, saveState] = useCategorySaveMutation();
  const [setActive] = useCategorySetActiveMutation();
  const [draft, setDraft] = useState({ code: '', nameZh: '', nameEn: '' });
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<HostError | null>(null);

  const submit = async () => {
    setError(null);
    const r = await save({ code: draft.code.trim(), nameZh: draft.nameZh, nameEn: draft.nameEn });
    if ('error' in r && r.error) setError(toHostError(r.error));
    else {
      setDraft({ code: '', nameZh: '', nameEn: '' });
      setEditing(false);
    }
  };
  const toggle = async (code: string, active: boolean) => {
    setError(null);
    const r = await setActive({ code, active });
    if ('error' in r && r.error) setError(toHostError(r.error));
  };

  return (
    <Modal labelledBy="cat-admin-title" onClose={onClose} className="category-admin" testId="category-admin">
      <h2 id="cat-admin-title">{t('extras.cat.dialogTitle')}</h2>
      <h3>{t('extras.cat.title')}</h3>
      <p className="muted small">{t('extras.cat.hint')}</p>
      <table className="cat-table">
        <thead>
          <tr>
            <th>{t('extras.cat.code')}</th>
            <th>{t('extras.cat.nameZh')}</th>
            <th>{t('extras.cat.nameEn')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(categories ?? []).map((c) => (
            <tr
              key={c.code}
              className={c.active ? '' : 'retired'}
              data-testid="category-row"
              data-code={c.code}
            >
              <td className="mono small">{c.code}</td>
              <td>{c.nameZh}</td>
              <td>{c.nameEn}</td>
              <td className="cat-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => {
                    setDraft({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn });
                    setEditing(true);
                  }}
                >
                  {t('extras.cat.rename')}
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid={c.active ? 'category-retire' : 'category-restore'}
                  onClick={() => void toggle(c.code, !c.active)}
                >
                  {c.active ? t('extras.cat.retire') : t('extras.cat.restore')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="cat-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <input
          aria-label={t('extras.cat.code')}
          placeholder={t('extras.cat.codeHint')}
          data-testid="category-code"
          value={draft.code}
          readOnly={editing}
          onChange={(e) => setDraft({ ...draft, code: e.target.value })}
        />
        <input
          aria-label={t('extras.cat.nameZh')}
          placeholder={t('extras.cat.nameZh')}
          data-testid="category-name-zh"
          value={draft.nameZh}
          onChange={(e) => setDraft({ ...draft, nameZh: e.target.value })}
        />
        <input
          aria-label={t('extras.cat.nameEn')}
          placeholder={t('extras.cat.nameEn')}
          data-testid="category-name-en"
          value={draft.nameEn}
          onChange={(e) => setDraft({ ...draft, nameEn: e.target.value })}
        />
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="category-save"
          disabled={saveState.isLoading}
        >
          {editing ? t('extras.cat.saveRename') : t('extras.cat.add')}
        </button>
      </form>
      {error && (
        <div className="inline-error" role="alert">
          {t(error.key, error.params)}
          {error.issues?.map((i) => ` · ${i.path}: ${i.message}`).join('')}
        </div>
      )}
      <SlaSettings />
      <DuplicateSettingsForm />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('extras.cat.close')}
        </button>
      </div>
    </Modal>
  );
}

/** Top-bar entry to the category list. */
export function CategoryAdminNav() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="category-admin-button"
        title={t('extras.cat.buttonTitle')}
        onClick={() => setOpen(true)}
      >
        {t('extras.cat.button')}
      </button>
      {open && <CategoryAdminDialog onClose={() => setOpen(false)} />}
    </>
  );
}
