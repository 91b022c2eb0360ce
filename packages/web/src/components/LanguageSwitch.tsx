import { languages, useI18n, type Language } from '../i18n/i18n.js';

export function LanguageSwitch({ onLanguage }: { onLanguage: (language: Language) => void }) {
  const { language, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('language')}>
      {languages.map((code) => (
        <button
          key={code}
          type="button"
          className={code === language ? 'chip chip-on' : 'chip'}
          aria-pressed={code === language}
          lang={code}
          onClick={() => onLanguage(code)}
        >
          {code.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
