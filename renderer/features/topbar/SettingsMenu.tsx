import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Set-up screens an operator rarely opens (basemaps, categories and SLA) share one top-bar menu, so the bar
 * keeps room for what the duty room watches all shift. The entries stay mounted while the menu is closed (only
 * their buttons are hidden): each entry renders its own screen or dialog next to its button, and that must stay
 * visible after the menu closes. Closes on a choice, an outside click and Esc.
 */
export function SettingsMenu({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className={`settings-menu${open ? ' open' : ''}`} ref={ref} data-testid="settings-menu">
      <button
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="settings-menu-button"
        onClick={() => setOpen((o) => !o)}
      >
        {t('topbar.settings')}
      </button>
      <div
        className="settings-menu-items"
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('.settings-menu-items > .btn')) setOpen(false);
        }}
      >
        {children}
      </div>
    </div>
  );
}
