import { useEffect, useState } from 'react';
import type { Establishment } from '../../api/types.js';
import { usePos } from '../../app/pos-context.js';
import { useI18n } from '../../i18n/i18n.js';
import { FormProblemLine, inputProblem, invalid, refusal, type FormProblem } from './FormProblem.js';
import { footerLineLength, footerLines, parseTicketFooter } from './master-data-input.js';
import { TextField } from './SettingsFields.js';

/**
 * What tickets print about the establishment. Name, address and footer are the manager's; the
 * VAT number, establishment number and production number are registered with the FPS Finance
 * and in the FDM, so they are shown but cannot change here.
 */
export function EstablishmentSettings() {
  const { api, fail, identity, refreshIdentity } = usePos();
  const { t } = useI18n();
  const [establishment, setEstablishment] = useState<Establishment | null>(null);
  const [form, setForm] = useState({ name: '', address: '', ticketFooter: '' });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    void api.establishment().then((answer) => {
      if (!live) return;
      if (!answer.ok) return fail(answer.error);
      setEstablishment(answer.value);
      setForm({
        name: answer.value.name,
        address: answer.value.address,
        ticketFooter: answer.value.ticketFooter ?? '',
      });
    });
    return () => {
      live = false;
    };
  }, [api, fail]);

  if (!establishment) return <section className="card" aria-busy="true" />;

  const change = (patch: Partial<typeof form>) => {
    setForm({ ...form, ...patch });
    setSaved(false);
  };

  return (
    <section className="card wide-card" aria-labelledby="establishment-title">
      <h2 id="establishment-title">{t('establishment')}</h2>
      <form
        className="grid-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const name = form.name.trim();
          const address = form.address.trim();
          if (name === '') return setProblem({ field: 'name', text: t('inputRequired') });
          if (address === '') return setProblem({ field: 'address', text: t('inputRequired') });
          const footer = parseTicketFooter(form.ticketFooter);
          if (!footer.ok) return setProblem(inputProblem(t, footer.error));
          const answer = await api.updateEstablishment(name, address, footer.value);
          if (!answer.ok) return setProblem(refusal(t, answer.error));
          setProblem(null);
          setEstablishment(answer.value);
          setSaved(true);
          await refreshIdentity();
        }}
      >
        <TextField
          label={t('field_name')}
          field="name"
          problem={problem}
          testId="establishment-name"
          value={form.name}
          maxLength={100}
          onChange={(name) => change({ name })}
        />
        <TextField
          label={t('field_address')}
          field="address"
          problem={problem}
          testId="establishment-address"
          value={form.address}
          maxLength={200}
          onChange={(address) => change({ address })}
        />
        <label className="field">
          <span>{t('field_ticketFooter')}</span>
          <textarea
            value={form.ticketFooter}
            rows={footerLines}
            cols={footerLineLength}
            className="footer-text"
            aria-invalid={invalid(problem, 'ticketFooter')}
            data-testid="establishment-footer"
            onChange={(e) => change({ ticketFooter: e.target.value })}
          />
        </label>
        <p className="muted">{t('ticketFooterExplain', { lines: footerLines, length: footerLineLength })}</p>
        <FormProblemLine problem={problem} />
        {saved ? (
          <p role="status" className="notice" data-testid="establishment-saved">
            {t('savedName', { name: establishment.name })}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" data-testid="establishment-save">
            {t('save')}
          </button>
        </div>
      </form>
      <h3>{t('registeredData')}</h3>
      <dl className="figures" data-testid="establishment-registered">
        <dt>{t('vatNo')}</dt>
        <dd>{establishment.vatNo}</dd>
        <dt>{t('estNo')}</dt>
        <dd>{establishment.estNo}</dd>
        <dt>{t('posId')}</dt>
        <dd>{establishment.posId}</dd>
        <dt>{t('softwareVersion')}</dt>
        <dd>{identity.softwareVersion}</dd>
        <dt>{t('terminal')}</dt>
        <dd>
          {identity.terminalName} ({identity.terminalId})
        </dd>
      </dl>
      <p className="muted">{t('registeredDataExplain')}</p>
    </section>
  );
}
