import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { dismissToast, type Toast } from './toastsSlice';

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  useEffect(() => {
    const h = setTimeout(() => dispatch(dismissToast(toast.id)), toast.kind === 'error' ? 12_000 : 6_000);
    return () => clearTimeout(h);
  }, [dispatch, toast.id, toast.kind]);
  return (
    <div className={`toast toast-${toast.kind}`} data-testid="toast" data-kind={toast.kind}>
      <div className="toast-text">
        {t(toast.key, {
          ...toast.params,
          ...Object.fromEntries(Object.entries(toast.keyParams ?? {}).map(([k, v]) => [k, t(v)])),
        })}
        {toast.detailKey && <span className="toast-detail"> {t(toast.detailKey)}</span>}
      </div>
      <button
        type="button"
        className="toast-close"
        aria-label={t('toast.close')}
        onClick={() => dispatch(dismissToast(toast.id))}
      >
        ×
      </button>
    </div>
  );
}

/** Top-right notifications; the region is aria-live so screen readers announce them. */
export function Toasts() {
  const { t } = useTranslation();
  const items = useAppSelector((s) => s.toasts.items);
  return (
    <div className="toasts" role="region" aria-label={t('toast.region')}>
      <div aria-live="polite" aria-atomic="false" className="toasts-live">
        {items.map((toast) => (
          <ToastItem key={toast.id} toast={toast} />
        ))}
      </div>
    </div>
  );
}
