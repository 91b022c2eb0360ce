import { useCallback, useMemo, useState } from 'react';
import type { ApiError } from '../api/client.js';
import type { PosApi } from '../api/pos-api.js';
import type { FdmState, Me, Receipt, RegisterIdentity } from '../api/types.js';
import { FdmIndicator } from '../components/FdmIndicator.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { Modal } from '../components/Modal.js';
import { ReceiptDialog } from '../components/ReceiptDialog.js';
import { errorText } from '../components/errors.js';
import { useI18n, type Language } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { ClockInScreen } from '../screens/clock/ClockInScreen.js';
import { DrawerScreen } from '../screens/drawer/DrawerScreen.js';
import { OrderScreen } from '../screens/order/OrderScreen.js';
import { PayScreen } from '../screens/pay/PayScreen.js';
import { ReportsScreen } from '../screens/reports/ReportsScreen.js';
import { SettingsScreen } from '../screens/settings/SettingsScreen.js';
import { TablePlan } from '../screens/tables/TablePlan.js';
import { TicketsScreen } from '../screens/tickets/TicketsScreen.js';
import { PosContext, type Pos, type View } from './pos-context.js';

interface ShownReceipt {
  readonly receipt: Receipt;
  readonly title: string;
  readonly ticketId: number | null;
}

const fdmCodes = new Set(['FDM_NOT_OPERATIONAL', 'FDM_REFUSED']);

const navigation: readonly { view: View['name']; label: MessageKey }[] = [
  { view: 'tables', label: 'navTables' },
  { view: 'tickets', label: 'navTickets' },
  { view: 'drawer', label: 'navDrawer' },
  { view: 'reports', label: 'navReports' },
  { view: 'settings', label: 'navSettings' },
];

export function Shell({
  api,
  identity,
  me,
  fdm,
  onLanguage,
  refreshMe,
  refreshFdm,
  refreshIdentity,
  onLoggedOut,
}: {
  api: PosApi;
  identity: RegisterIdentity;
  me: Me;
  fdm: FdmState | null;
  onLanguage: (language: Language) => void;
  refreshMe: () => Promise<void>;
  refreshFdm: () => Promise<void>;
  refreshIdentity: () => Promise<void>;
  onLoggedOut: () => void;
}) {
  const { t } = useI18n();
  const [view, setView] = useState<View>({ name: 'tables' });
  const [shown, setShown] = useState<ShownReceipt | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [mandatory, setMandatory] = useState<readonly string[]>([]);
  // The server learns that the FDM works again only from a signed event: the waiter may try.
  const [retrying, setRetrying] = useState(false);

  const fail = useCallback(
    (error: ApiError) => {
      setProblem(error);
      if (error.mandatoryMessages.length > 0) setMandatory(error.mandatoryMessages.map((m) => m.message));
      if (fdmCodes.has(error.code)) {
        setRetrying(false);
        void refreshFdm();
      }
      if (error.code === 'NOT_LOGGED_IN') onLoggedOut();
      if (error.code === 'NOT_CLOCKED_IN') void refreshMe();
    },
    [refreshFdm, refreshMe, onLoggedOut],
  );

  const pos = useMemo<Pos>(
    () => ({
      api,
      identity,
      me,
      fdm,
      training: me.training,
      canSell: fdm?.operational !== false || retrying,
      go: (next) => {
        setProblem(null);
        setView(next);
      },
      refreshMe,
      refreshFdm,
      refreshIdentity,
      fail,
      showReceipt: (receipt, title, ticketId) => setShown({ receipt, title, ticketId: ticketId ?? null }),
      afterSigned: (messages) => {
        if (messages.length > 0) setMandatory(messages);
        if (fdm?.operational === false) {
          setRetrying(false);
          void refreshFdm();
        }
      },
      retrySelling: () => setRetrying(true),
    }),
    [api, identity, me, fdm, refreshMe, refreshFdm, refreshIdentity, fail, retrying],
  );

  const logout = async () => {
    await api.logout();
    onLoggedOut();
  };

  // ARBEID UIT (C-28), then the session ends: the next person logs in with their own PIN.
  const clockOut = async () => {
    const answer = await api.clockOut();
    if (!answer.ok) return fail(answer.error);
    await logout();
  };

  let screen;
  if (!me.clockedIn) screen = <ClockInScreen onLogout={() => void logout()} />;
  else if (view.name === 'order')
    screen = <OrderScreen key={view.registrationId} registrationId={view.registrationId} />;
  else if (view.name === 'pay') screen = <PayScreen registrationId={view.registrationId} />;
  else if (view.name === 'tickets') screen = <TicketsScreen />;
  else if (view.name === 'drawer') screen = <DrawerScreen />;
  else if (view.name === 'reports') screen = <ReportsScreen />;
  else if (view.name === 'settings') screen = <SettingsScreen />;
  else screen = <TablePlan />;

  return (
    <PosContext.Provider value={pos}>
      <div className={me.training ? 'shell shell-training' : 'shell'}>
        {me.training ? (
          <div className="training-banner" role="status" data-testid="training-banner">
            {t('trainingBanner')}
          </div>
        ) : null}
        <header className="topbar">
          <div className="topbar-who">
            <strong>{identity.establishmentName}</strong>
            <span className="muted">
              {identity.terminalName} · {me.alias}
            </span>
          </div>
          {me.clockedIn ? (
            <nav className="topnav" aria-label={t('navigation')}>
              {navigation.map((item) => (
                <button
                  key={item.view}
                  type="button"
                  className={
                    view.name === item.view ||
                    (item.view === 'tables' && (view.name === 'order' || view.name === 'pay'))
                      ? 'nav nav-on'
                      : 'nav'
                  }
                  aria-current={view.name === item.view ? 'page' : undefined}
                  onClick={() => pos.go({ name: item.view } as View)}
                >
                  {t(item.label)}
                </button>
              ))}
            </nav>
          ) : null}
          <div className="topbar-end">
            <FdmIndicator fdm={fdm} />
            <LanguageSwitch onLanguage={onLanguage} />
            {me.clockedIn ? (
              <button type="button" onClick={() => void clockOut()} data-testid="clock-out">
                {t('clockOut')}
              </button>
            ) : null}
            <button type="button" onClick={() => void logout()} data-testid="logout">
              {t('logOut')}
            </button>
          </div>
        </header>
        {problem ? (
          <div className="problem" role="alert" data-testid="problem">
            <span>{errorText(t, problem)}</span>
            <button
              type="button"
              className="icon-button"
              aria-label={t('close')}
              onClick={() => setProblem(null)}
            >
              ×
            </button>
          </div>
        ) : null}
        <div className="screen">{screen}</div>
        {shown ? (
          <ReceiptDialog
            receipt={shown.receipt}
            title={shown.title}
            ticketId={shown.ticketId}
            onClose={() => setShown(null)}
          />
        ) : null}
        {mandatory.length > 0 ? (
          <Modal title={t('fdmMessageTitle')} onClose={() => setMandatory([])} testId="mandatory-messages">
            <ul className="mandatory">
              {mandatory.map((message, i) => (
                <li key={i}>{message}</li>
              ))}
            </ul>
            <div className="actions">
              <button type="button" className="primary" autoFocus onClick={() => setMandatory([])}>
                {t('understood')}
              </button>
            </div>
          </Modal>
        ) : null}
      </div>
    </PosContext.Provider>
  );
}
