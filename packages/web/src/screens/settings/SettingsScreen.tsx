import { useCallback, useEffect, useState } from 'react';
import type { Department, Product, QuantityType, Role, VatLabel } from '../../api/types.js';
import { usePos } from '../../app/pos-context.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/en.js';
import { parseAmount } from '../pay/tenders.js';
import { EstablishmentSettings } from './EstablishmentSettings.js';
import { FloorSettings } from './FloorSettings.js';
import { isWellFormedInsz } from './insz.js';
import { PrinterSettings } from './PrinterSettings.js';
import { TerminalSettings } from './TerminalSettings.js';

type Part = 'general' | 'catalog' | 'users' | 'floors' | 'terminals' | 'printers' | 'establishment';

const managerParts: readonly { part: Part; label: MessageKey }[] = [
  { part: 'general', label: 'settingsGeneral' },
  { part: 'catalog', label: 'catalog' },
  { part: 'users', label: 'users' },
  { part: 'floors', label: 'floorsAndTables' },
  { part: 'terminals', label: 'terminals' },
  { part: 'printers', label: 'printers' },
  { part: 'establishment', label: 'establishment' },
];

/** Training mode for everybody; for managers also the register's master data, one part at a time. */
export function SettingsScreen() {
  const { me } = usePos();
  const { t } = useI18n();
  const [part, setPart] = useState<Part>('general');
  if (me.role === 'waiter')
    return (
      <main className="settings">
        <TrainingSettings />
        <RegisterData />
      </main>
    );
  return (
    <main className="settings-manager">
      <div className="tabs settings-tabs" role="tablist" aria-label={t('navSettings')}>
        {managerParts.map((p) => (
          <button
            key={p.part}
            type="button"
            role="tab"
            aria-selected={p.part === part}
            className={p.part === part ? 'tab tab-on' : 'tab'}
            data-testid={`settings-${p.part}`}
            onClick={() => setPart(p.part)}
          >
            {t(p.label)}
          </button>
        ))}
      </div>
      <div className="settings" role="tabpanel">
        {part === 'general' ? (
          <>
            <TrainingSettings />
            <RegisterData />
          </>
        ) : null}
        {part === 'catalog' ? <CatalogSettings /> : null}
        {part === 'users' ? <NewUserForm /> : null}
        {part === 'floors' ? <FloorSettings /> : null}
        {part === 'terminals' ? <TerminalSettings /> : null}
        {part === 'printers' ? <PrinterSettings /> : null}
        {part === 'establishment' ? <EstablishmentSettings /> : null}
      </div>
    </main>
  );
}

function TrainingSettings() {
  const { api, me, fail, refreshMe } = usePos();
  const { t } = useI18n();
  // The switches follow the tap at once and fall back if the server refuses (open orders, role).
  const [user, setUser] = useState(me.userTraining);
  const [terminal, setTerminal] = useState(me.training && !me.userTraining);
  const change = async (scope: 'USER' | 'TERMINAL', training: boolean) => {
    if (scope === 'USER') setUser(training);
    else setTerminal(training);
    const answer = await api.setTraining(scope, training);
    if (!answer.ok) {
      setUser(me.userTraining);
      setTerminal(me.training && !me.userTraining);
      return fail(answer.error);
    }
    setUser(answer.value.user);
    setTerminal(answer.value.terminal);
    await refreshMe();
  };
  return (
    <section className="card" aria-labelledby="training-title">
      <h2 id="training-title">{t('trainingMode')}</h2>
      <p className="muted">{t('trainingExplain')}</p>
      <label className="switch">
        <input
          type="checkbox"
          checked={user}
          data-testid="training-user"
          onChange={(e) => void change('USER', e.target.checked)}
        />
        {t('trainingForMe')}
      </label>
      {me.role !== 'waiter' ? (
        <label className="switch">
          <input
            type="checkbox"
            checked={terminal}
            data-testid="training-terminal"
            onChange={(e) => void change('TERMINAL', e.target.checked)}
          />
          {t('trainingForTerminal')}
        </label>
      ) : null}
    </section>
  );
}

const vatLabels: readonly VatLabel[] = ['A', 'B', 'C', 'D'];
const quantityTypes: readonly QuantityType[] = ['PIECE', 'KILOGRAM', 'LITRE'];

function CatalogSettings() {
  const { api, fail } = usePos();
  const { t, money } = useI18n();
  const [departments, setDepartments] = useState<readonly Department[]>([]);
  const [products, setProducts] = useState<readonly Product[]>([]);
  const [department, setDepartment] = useState<Department>({ departmentId: '', name: '' });
  const [product, setProduct] = useState({
    productId: '',
    name: '',
    departmentId: '',
    price: '',
    vatLabel: 'A' as VatLabel,
    quantityType: 'PIECE' as QuantityType,
  });
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(async () => {
    const answer = await api.catalog();
    if (!answer.ok) return fail(answer.error);
    setDepartments(answer.value.departments);
    setProducts(answer.value.products);
  }, [api, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const price = parseAmount(product.price);
  return (
    <section className="card" aria-labelledby="catalog-title">
      <h2 id="catalog-title">{t('catalog')}</h2>
      <p className="muted">{t('catalogExplain')}</p>
      <form
        className="grid-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const answer = await api.saveDepartment({
            departmentId: department.departmentId.trim(),
            name: department.name.trim(),
          });
          if (!answer.ok) return fail(answer.error);
          setSaved(t('savedName', { name: answer.value.name }));
          setDepartment({ departmentId: '', name: '' });
          await load();
        }}
      >
        <h3>{t('department')}</h3>
        <label className="field">
          <span>{t('code')}</span>
          <input
            value={department.departmentId}
            onChange={(e) => setDepartment({ ...department, departmentId: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('name')}</span>
          <input
            value={department.name}
            onChange={(e) => setDepartment({ ...department, name: e.target.value })}
          />
        </label>
        <button type="submit" disabled={!department.departmentId.trim() || !department.name.trim()}>
          {t('save')}
        </button>
      </form>
      <form
        className="grid-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (price === null) return;
          const answer = await api.saveProduct({
            productId: product.productId.trim(),
            name: product.name.trim(),
            departmentId: product.departmentId,
            unitPriceCents: price,
            vatLabel: product.vatLabel,
            quantityType: product.quantityType,
            active: true,
          });
          if (!answer.ok) return fail(answer.error);
          setSaved(t('savedName', { name: answer.value.name }));
          await load();
        }}
      >
        <h3>{t('product')}</h3>
        <label className="field">
          <span>{t('code')}</span>
          <input
            value={product.productId}
            list="known-products"
            onChange={(e) => {
              const known = products.find((p) => p.productId === e.target.value);
              setProduct(
                known
                  ? {
                      productId: known.productId,
                      name: known.name,
                      departmentId: known.departmentId,
                      price: (known.unitPriceCents / 100).toFixed(2).replace('.', ','),
                      vatLabel: known.vatLabel,
                      quantityType: known.quantityType,
                    }
                  : { ...product, productId: e.target.value },
              );
            }}
          />
          <datalist id="known-products">
            {products.map((p) => (
              <option key={p.productId} value={p.productId}>
                {p.name} {money(p.unitPriceCents)}
              </option>
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>{t('name')}</span>
          <input value={product.name} onChange={(e) => setProduct({ ...product, name: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('department')}</span>
          <select
            value={product.departmentId}
            onChange={(e) => setProduct({ ...product, departmentId: e.target.value })}
          >
            <option value="">—</option>
            {departments.map((d) => (
              <option key={d.departmentId} value={d.departmentId}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('unitPrice')}</span>
          <input
            inputMode="decimal"
            value={product.price}
            onChange={(e) => setProduct({ ...product, price: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('vatRate')}</span>
          <select
            value={product.vatLabel}
            onChange={(e) => setProduct({ ...product, vatLabel: e.target.value as VatLabel })}
          >
            {vatLabels.map((v) => (
              <option key={v} value={v}>
                {t(`vat${v}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('unit')}</span>
          <select
            value={product.quantityType}
            onChange={(e) => setProduct({ ...product, quantityType: e.target.value as QuantityType })}
          >
            {quantityTypes.map((q) => (
              <option key={q} value={q}>
                {t(`unit${q}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          disabled={
            !product.productId.trim() || !product.name.trim() || !product.departmentId || price === null
          }
        >
          {t('save')}
        </button>
      </form>
      {saved ? (
        <p role="status" className="notice">
          {saved}
        </p>
      ) : null}
    </section>
  );
}

const roles: readonly Role[] = ['waiter', 'manager'];

/** The INSZ/BIS number is typed once here; no screen shows it again (C-29). */
function NewUserForm() {
  const { api, fail } = usePos();
  const { t } = useI18n();
  const empty = { userId: '', alias: '', employeeId: '', pin: '', role: 'waiter' as Role };
  const [user, setUser] = useState(empty);
  const [created, setCreated] = useState<string | null>(null);
  const inszOk = isWellFormedInsz(user.employeeId);
  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">{t('newUser')}</h2>
      <p className="muted">{t('inszOnce')}</p>
      <form
        className="grid-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const answer = await api.createUser({ ...user, employeeId: user.employeeId.replace(/\D/g, '') });
          // Forget the number in this screen's memory too, whatever the answer.
          setUser(empty);
          if (!answer.ok) return fail(answer.error);
          setCreated(t('savedName', { name: answer.value.alias }));
        }}
      >
        <label className="field">
          <span>{t('code')}</span>
          <input value={user.userId} onChange={(e) => setUser({ ...user, userId: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('name')}</span>
          <input value={user.alias} onChange={(e) => setUser({ ...user, alias: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('insz')}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={user.employeeId}
            onChange={(e) => setUser({ ...user, employeeId: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('pin')}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={user.pin}
            onChange={(e) => setUser({ ...user, pin: e.target.value.replace(/\D/g, '') })}
          />
        </label>
        <label className="field">
          <span>{t('role')}</span>
          <select value={user.role} onChange={(e) => setUser({ ...user, role: e.target.value as Role })}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role_${r}`)}
              </option>
            ))}
          </select>
        </label>
        {user.employeeId !== '' && !inszOk ? (
          <p className="error" role="alert">
            {t('inszInvalid')}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={!user.userId.trim() || !user.alias.trim() || !inszOk || user.pin.length < 4}
        >
          {t('save')}
        </button>
      </form>
      {created ? (
        <p role="status" className="notice">
          {created}
        </p>
      ) : null}
    </section>
  );
}

/** Establishment, production number and version as the register knows them (read-only here). */
function RegisterData() {
  const { identity } = usePos();
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="register-title">
      <h2 id="register-title">{t('registerData')}</h2>
      <dl className="figures">
        <dt>{t('establishment')}</dt>
        <dd>{identity.establishmentName}</dd>
        <dt>{t('address')}</dt>
        <dd>{identity.establishmentAddress}</dd>
        <dt>{t('vatNo')}</dt>
        <dd>{identity.vatNo}</dd>
        <dt>{t('posId')}</dt>
        <dd>{identity.posId}</dd>
        <dt>{t('softwareVersion')}</dt>
        <dd>{identity.softwareVersion}</dd>
        <dt>{t('terminal')}</dt>
        <dd>
          {identity.terminalName} ({identity.terminalId})
        </dd>
      </dl>
      <p className="muted">{t('registerDataExplain')}</p>
    </section>
  );
}
