import { UnitsDrawer } from '../units/UnitsDrawer';
import { EscalationAlerts } from './EscalationAlerts';

/** Always mounted: the supervisor's escalation alerts and the units drawer. */
export function DispatchOverlays() {
  return (
    <>
      <EscalationAlerts />
      <UnitsDrawer />
    </>
  );
}
