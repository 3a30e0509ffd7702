import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRadioLinkListQuery } from '../radio/radioApi';
import { ProfilesTab } from './ProfilesTab';
import { PortsTab } from './PortsTab';
import { MonitorTab } from './MonitorTab';

type Tab = 'profiles' | 'ports' | 'monitor';

/** The technician's screens, over the workspace (the top bar stays; Esc or the tab closes it). */
export function TechnicianScreen({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('profiles');
  const { data: links } = useRadioLinkListQuery();
  const names: Record<string, string> = {};
  for (const l of links ?? []) names[l.link.id] = l.link.name;
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <section
      ref={ref}
      className="tech-screen"
      tabIndex={-1}
      aria-labelledby="tech-title"
      data-testid="technician-screen"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="panel-head">
        <h2 id="tech-title">{t('tech.title')}</h2>
        <div className="tabs" role="tablist" aria-label={t('tech.title')}>
          {(['profiles', 'ports', 'monitor'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              id={`tech-tab-${k}`}
              aria-selected={tab === k}
              aria-controls={`tech-panel-${k}`}
              className={`tab${tab === k ? ' on' : ''}`}
              data-testid={`tech-tab-${k}`}
              onClick={() => setTab(k)}
            >
              {t(`tech.tab.${k}`)}
            </button>
          ))}
        </div>
        <div className="topbar-spacer" />
        <button type="button" className="btn btn-icon" aria-label={t('radio.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="tech-body" role="tabpanel" id={`tech-panel-${tab}`} aria-labelledby={`tech-tab-${tab}`}>
        {tab === 'profiles' && <ProfilesTab />}
        {tab === 'ports' && <PortsTab />}
        {tab === 'monitor' && <MonitorTab names={names} />}
      </div>
    </section>
  );
}
