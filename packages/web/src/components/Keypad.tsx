import { useI18n } from '../i18n/i18n.js';

/** A touch keypad; physical keys work too because the field it fills keeps the focus. */
export function Keypad({
  onKey,
  decimal = false,
  label,
}: {
  onKey: (key: string) => void;
  decimal?: boolean;
  label: string;
}) {
  const { t } = useI18n();
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', decimal ? ',' : 'C', '0', '⌫'];
  return (
    <div className="keypad" role="group" aria-label={label}>
      {keys.map((key) => (
        <button
          key={key}
          type="button"
          className="key"
          tabIndex={-1}
          aria-label={key === '⌫' ? t('keyBackspace') : key === 'C' ? t('keyClear') : key}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onKey(key)}
        >
          {key}
        </button>
      ))}
    </div>
  );
}

/** The text after pressing `key` on a keypad that fills `text`. */
export function applyKey(text: string, key: string, maxLength = 12): string {
  if (key === '⌫') return text.slice(0, -1);
  if (key === 'C') return '';
  if (key === ',' || key === '.') return text.includes(',') ? text : `${text === '' ? '0' : text},`;
  if (!/^\d$/.test(key) || text.length >= maxLength) return text;
  return text + key;
}
