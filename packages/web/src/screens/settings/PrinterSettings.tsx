import { useCallback, useEffect, useState } from 'react';
import type { Printer, PrinterKind } from '../../api/types.js';
import { usePos } from '../../app/pos-context.js';
import { useI18n } from '../../i18n/i18n.js';
import { FormProblemLine, inputProblem, invalid, refusal, type FormProblem } from './FormProblem.js';
import { parsePrinter, printerColumns, type PrinterForm } from './master-data-input.js';

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
                {p.active ? null : (
                  <span className="badge-text retired-text" data-testid={`printer-retired-${p.printerId}`}>
                    {t('retiredBadge')}
                  </span>
                )}
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
        <label className="field">
          <span>{t('field_printerId')}</span>
          <input
            value={form.printerId}
            aria-invalid={invalid(problem, 'printerId')}
            data-testid="printer-id"
            onChange={(e) => set({ printerId: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('field_name')}</span>
          <input
            value={form.name}
            aria-invalid={invalid(problem, 'name')}
            data-testid="printer-name"
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('field_kind')}</span>
          <select
            value={form.kind}
            data-testid="printer-kind"
            onChange={(e) => set({ kind: e.target.value as PrinterKind })}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(k === 'KITCHEN' ? 'printerKitchen' : 'printerReceipt')}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('field_host')}</span>
          <input
            value={form.host}
            inputMode="url"
            autoComplete="off"
            placeholder="192.168.1.50"
            aria-invalid={invalid(problem, 'host')}
            data-testid="printer-host"
            onChange={(e) => set({ host: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('field_port')}</span>
          <input
            value={form.port}
            inputMode="numeric"
            aria-invalid={invalid(problem, 'port')}
            data-testid="printer-port"
            onChange={(e) => set({ port: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('field_columns')}</span>
          <select
            value={form.columns}
            aria-invalid={invalid(problem, 'columns')}
            data-testid="printer-columns"
            onChange={(e) => set({ columns: e.target.value })}
          >
            {printerColumns.map((c) => (
              <option key={c} value={String(c)}>
                {t(c === 42 ? 'columnsFontA' : 'columnsFontB', { count: c })}
              </option>
            ))}
          </select>
        </label>
        <div className="span-all">
          <FormProblemLine problem={problem} />
          <div className="actions">
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
              <button
                type="button"
                className={stored.active ? 'danger' : ''}
                data-testid={stored.active ? 'printer-retire' : 'printer-reactivate'}
                onClick={() => void setActive(stored, !stored.active)}
              >
                {t(stored.active ? 'retire' : 'reactivate')}
              </button>
            ) : null}
            <button type="submit" className="primary" data-testid="printer-save">
              {t('save')}
            </button>
          </div>
        </div>
      </form>
      {saved ? (
        <p role="status" className="notice">
          {saved}
        </p>
      ) : null}
    </section>
  );
}
