import { useCallback, useEffect, useState } from 'react';
import type { Printer, PrinterKind } from '../../api/types.js';
import { usePos } from '../../app/pos-context.js';
import { useI18n } from '../../i18n/i18n.js';
import { inputProblem, refusal, type FormProblem } from './FormProblem.js';
import { parsePrinter, printerColumns, type PrinterForm } from './master-data-input.js';
import { FormActions, RetireButton, RetiredBadge, SelectField, TextField } from './SettingsFields.js';

const kinds: readonly PrinterKind[] = ['RECEIPT', 'KITCHEN'];
const empty: PrinterForm = {
  printerId: '',
  name: '',
  kind: 'RECEIPT',
  host: '',
  port: '9100',
  columns: '42',
};

/** The ESC/POS network printers the server prints on: tap one to edit it. */
export function PrinterSettings() {
  const { api, fail } = usePos();
  const { t } = useI18n();
  const [printers, setPrinters] = useState<readonly Printer[]>([]);
  const [form, setForm] = useState<PrinterForm>(empty);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(async () => {
    const answer = await api.printers();
    if (answer.ok) setPrinters(answer.value);
    else fail(answer.error);
  }, [api, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const editing = printers.some((p) => p.printerId === form.printerId.trim());
  const stored = printers.find((p) => p.printerId === form.printerId.trim());

  /** Retires or brings back the printer as stored (unsaved edits of the form stay out of it). */
  const setActive = async (p: Printer, active: boolean) => {
    const { printerId, name, kind, host, port, columns } = p;
    const answer = await api.savePrinter({ printerId, name, kind, host, port, columns, active });
    if (!answer.ok) return setProblem(refusal(t, answer.error));
    setProblem(null);
    setSaved(t(active ? 'reactivatedName' : 'retiredName', { name: p.name }));
    setForm(empty);
    await load();
  };
  const set = (change: Partial<PrinterForm>) => {
    setForm({ ...form, ...change });
    setSaved(null);
  };

  return (
    <section className="card wide-card" aria-labelledby="printers-title">
      <h2 id="printers-title">{t('printers')}</h2>
      <p className="muted">{t('printersExplain')}</p>
      <ul className="list" data-testid="printer-list">
        {printers.map((p) => (
          <li key={p.printerId}>
            <button
              type="button"
              className={p.printerId === form.printerId ? 'row row-on' : 'row'}
              data-testid={`printer-${p.printerId}`}
              onClick={() => {
                setForm({ ...p, port: String(p.port), columns: String(p.columns) });
                setProblem(null);
                setSaved(null);
              }}
            >
              <strong>{p.name}</strong>
              <span>
                {t(p.kind === 'KITCHEN' ? 'printerKitchen' : 'printerReceipt')}
                {p.active ? null : <RetiredBadge testId={`printer-retired-${p.printerId}`} />}
              </span>
              <span className="muted">
                {p.host}:{p.port} · {t('columnsCount', { count: p.columns })}
              </span>
            </button>
          </li>
        ))}
        {printers.length === 0 ? <li className="muted">{t('noPrinters')}</li> : null}
      </ul>
      <form
        className="grid-form form-columns"
        onSubmit={async (event) => {
          event.preventDefault();
          const parsed = parsePrinter(form);
          if (!parsed.ok) return setProblem(inputProblem(t, parsed.error));
          const answer = await api.savePrinter(parsed.value);
          if (!answer.ok) return setProblem(refusal(t, answer.error));
          setProblem(null);
          setSaved(t('savedName', { name: answer.value.name }));
          setForm(empty);
          await load();
        }}
      >
        <h3 className="span-all">{editing ? t('printerEdit', { name: form.name }) : t('printerNew')}</h3>
        <TextField
          label={t('field_printerId')}
          field="printerId"
          problem={problem}
          testId="printer-id"
          value={form.printerId}
          onChange={(printerId) => set({ printerId })}
        />
        <TextField
          label={t('field_name')}
          field="name"
          problem={problem}
          testId="printer-name"
          value={form.name}
          onChange={(name) => set({ name })}
        />
        <SelectField
          label={t('field_kind')}
          testId="printer-kind"
          value={form.kind}
          onChange={(kind) => set({ kind: kind as PrinterKind })}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(k === 'KITCHEN' ? 'printerKitchen' : 'printerReceipt')}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('field_host')}
          field="host"
          problem={problem}
          testId="printer-host"
          value={form.host}
          inputMode="url"
          autoComplete="off"
          placeholder="192.168.1.50"
          onChange={(host) => set({ host })}
        />
        <TextField
          label={t('field_port')}
          field="port"
          problem={problem}
          testId="printer-port"
          value={form.port}
          inputMode="numeric"
          onChange={(port) => set({ port })}
        />
        <SelectField
          label={t('field_columns')}
          field="columns"
          problem={problem}
          testId="printer-columns"
          value={form.columns}
          onChange={(columns) => set({ columns })}
        >
          {printerColumns.map((c) => (
            <option key={c} value={String(c)}>
              {t(c === 42 ? 'columnsFontA' : 'columnsFontB', { count: c })}
            </option>
          ))}
        </SelectField>
        <FormActions problem={problem} submitTestId="printer-save">
          {form !== empty ? (
            <button
              type="button"
              onClick={() => {
                setForm(empty);
                setProblem(null);
              }}
            >
              {t('printerNew')}
            </button>
          ) : null}
          {stored ? (
            <RetireButton
              active={stored.active}
              testId={stored.active ? 'printer-retire' : 'printer-reactivate'}
              onClick={() => void setActive(stored, !stored.active)}
            />
          ) : null}
        </FormActions>
      </form>
      {saved ? (
        <p role="status" className="notice">
          {saved}
        </p>
      ) : null}
    </section>
  );
}
