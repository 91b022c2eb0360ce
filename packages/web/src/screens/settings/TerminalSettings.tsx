import { useCallback, useEffect, useRef, useState } from 'react';
import type { Printer, TerminalInfo } from '../../api/types.js';
import { usePos } from '../../app/pos-context.js';
import { Modal } from '../../components/Modal.js';
import { useI18n } from '../../i18n/i18n.js';
import { FormProblemLine, inputProblem, refusal, type FormProblem } from './FormProblem.js';
import { FormActions, RetireButton, RetiredBadge, SelectField, TextField } from './SettingsFields.js';
import { parseNewTerminal, type NewTerminal } from './master-data-input.js';

const none = '';
const emptyNew: NewTerminal = { terminalId: '', name: '', deviceId: '' };

/** Terminals of the register: rename, printers, and new ones (their token shown once). */
export function TerminalSettings() {
  const { api, fail, identity } = usePos();
  const { t } = useI18n();
  const [terminals, setTerminals] = useState<readonly TerminalInfo[]>([]);
  const [printers, setPrinters] = useState<readonly Printer[]>([]);
  const [form, setForm] = useState<NewTerminal>(emptyNew);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const load = useCallback(async () => {
    const [terminalsAnswer, printersAnswer] = await Promise.all([api.terminals(), api.printers()]);
    if (!terminalsAnswer.ok) return fail(terminalsAnswer.error);
    setTerminals(terminalsAnswer.value);
    if (printersAnswer.ok) setPrinters(printersAnswer.value);
  }, [api, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="card wide-card" aria-labelledby="terminals-title">
      <h2 id="terminals-title">{t('terminals')}</h2>
      <p className="muted">{t('terminalsExplain')}</p>
      <div className="terminal-list">
        {terminals.map((terminal) => (
          <TerminalRow
            key={terminal.terminalId}
            terminal={terminal}
            printers={printers}
            current={terminal.terminalId === identity.terminalId}
            onSaved={load}
          />
        ))}
      </div>
      <form
        className="grid-form form-columns"
        onSubmit={async (event) => {
          event.preventDefault();
          const parsed = parseNewTerminal(form);
          if (!parsed.ok) return setProblem(inputProblem(t, parsed.error));
          const answer = await api.createTerminal(
            parsed.value.terminalId,
            parsed.value.name,
            parsed.value.deviceId,
          );
          if (!answer.ok) return setProblem(refusal(t, answer.error));
          setProblem(null);
          setForm(emptyNew);
          setCreated({ name: answer.value.terminal.name, token: answer.value.token });
          await load();
        }}
      >
        <h3 className="span-all">{t('terminalNew')}</h3>
        <TextField
          label={t('field_terminalId')}
          field="terminalId"
          problem={problem}
          testId="terminal-new-id"
          value={form.terminalId}
          onChange={(terminalId) => setForm({ ...form, terminalId })}
        />
        <TextField
          label={t('field_name')}
          field="name"
          problem={problem}
          testId="terminal-new-name"
          value={form.name}
          onChange={(name) => setForm({ ...form, name })}
        />
        <TextField
          label={t('field_deviceId')}
          field="deviceId"
          problem={problem}
          testId="terminal-new-device"
          value={form.deviceId}
          onChange={(deviceId) => setForm({ ...form, deviceId })}
        />
        <FormActions problem={problem} submitTestId="terminal-create" submitLabel={t('terminalCreate')} />
      </form>
      {created ? <TokenDialog {...created} onClose={() => setCreated(null)} /> : null}
    </section>
  );
}

function TerminalRow({
  terminal,
  printers,
  current,
  onSaved,
}: {
  terminal: TerminalInfo;
  printers: readonly Printer[];
  current: boolean;
  onSaved: () => Promise<void>;
}) {
  const { api } = usePos();
  const { t } = useI18n();
  const [name, setName] = useState(terminal.name);
  const [receipt, setReceipt] = useState(terminal.receiptPrinterId ?? none);
  const [kitchen, setKitchen] = useState(terminal.kitchenPrinterId ?? none);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState(false);
  const id = terminal.terminalId;
  const changed =
    name !== terminal.name ||
    receipt !== (terminal.receiptPrinterId ?? none) ||
    kitchen !== (terminal.kitchenPrinterId ?? none);

  const options = (kind: Printer['kind']) => (
    <>
      <option value={none}>{t('printerNone')}</option>
      {printers
        // A retired printer stays listed only where it is still the saved choice.
        .filter(
          (p) =>
            p.kind === kind &&
            (p.active ||
              p.printerId === terminal.receiptPrinterId ||
              p.printerId === terminal.kitchenPrinterId),
        )
        .map((p) => (
          <option key={p.printerId} value={p.printerId}>
            {p.name} ({p.host}:{p.port})
          </option>
        ))}
    </>
  );

  return (
    <form
      className="terminal-row"
      data-testid={`terminal-${id}`}
      onSubmit={async (event) => {
        event.preventDefault();
        if (name.trim() === '') return setProblem({ field: 'name', text: t('inputRequired') });
        const answer = await api.updateTerminal(id, name.trim(), receipt || null, kitchen || null);
        if (!answer.ok) return setProblem(refusal(t, answer.error));
        setProblem(null);
        setSaved(true);
        await onSaved();
      }}
    >
      <div className="terminal-id">
        <strong>{id}</strong>
        <span className="muted">{terminal.deviceId}</span>
        {current ? <span className="badge-text">{t('thisTerminal')}</span> : null}
        {terminal.training ? <span className="badge-text training-text">{t('training')}</span> : null}
        {terminal.active ? null : <RetiredBadge testId={`terminal-retired-${id}`} />}
      </div>
      <TextField
        label={t('field_name')}
        field="name"
        problem={problem}
        testId={`terminal-name-${id}`}
        value={name}
        onChange={(value) => {
          setName(value);
          setSaved(false);
        }}
      />
      <SelectField
        label={t('field_receiptPrinterId')}
        testId={`terminal-receipt-${id}`}
        value={receipt}
        onChange={(value) => {
          setReceipt(value);
          setSaved(false);
        }}
      >
        {options('RECEIPT')}
      </SelectField>
      <SelectField
        label={t('field_kitchenPrinterId')}
        testId={`terminal-kitchen-${id}`}
        value={kitchen}
        onChange={(value) => {
          setKitchen(value);
          setSaved(false);
        }}
      >
        {options('KITCHEN')}
      </SelectField>
      <div className="terminal-save">
        <button type="submit" disabled={!changed || !terminal.active} data-testid={`terminal-save-${id}`}>
          {saved && !changed ? t('savedShort') : t('save')}
        </button>
        {current ? null : (
          <RetireButton
            active={terminal.active}
            testId={`terminal-${terminal.active ? 'retire' : 'reactivate'}-${id}`}
            onClick={async () => {
              const answer = await api.updateTerminal(
                id,
                terminal.name,
                terminal.receiptPrinterId,
                terminal.kitchenPrinterId,
                !terminal.active,
              );
              if (!answer.ok) return setProblem(refusal(t, answer.error));
              setProblem(null);
              await onSaved();
            }}
          />
        )}
      </div>
      <div className="span-all">
        <FormProblemLine problem={problem} />
      </div>
    </form>
  );
}

/**
 * The new terminal's token, this once: the server keeps only its hash. The device opens the
 * address with the token, or the token is typed on its set-up screen.
 */
function TokenDialog({ name, token, onClose }: { name: string; token: string; onClose: () => void }) {
  const { t } = useI18n();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'by-hand' | null>(null);
  const address = `${window.location.origin}${window.location.pathname}?terminal=${encodeURIComponent(token)}`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('yes');
    } catch {
      // No clipboard without permission (or over plain http): select it for Ctrl+C instead.
      field.current?.select();
      setCopied('by-hand');
    }
  };

  return (
    <Modal title={t('terminalTokenTitle', { name })} onClose={onClose} testId="token-dialog">
      <p className="error">{t('terminalTokenOnce')}</p>
      <label className="field">
        <span>{t('terminalToken')}</span>
        <input
          ref={field}
          className="token"
          readOnly
          value={token}
          data-testid="terminal-token"
          onFocus={(e) => e.target.select()}
        />
      </label>
      <p className="muted">
        {t('terminalTokenAddress')} <code className="token-address">{address}</code>
      </p>
      {copied ? (
        <p role="status" className={copied === 'yes' ? 'notice' : 'muted'} data-testid="copy-result">
          {t(copied === 'yes' ? 'copied' : 'copyByHand')}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={() => void copy()} data-testid="copy-token">
          {t('copyToken')}
        </button>
        <button type="button" className="primary" onClick={onClose} data-testid="token-done">
          {t('terminalTokenKept')}
        </button>
      </div>
    </Modal>
  );
}
