/** Defaults for generated passwords: length, character classes, and whether the server generates them. */
import type { Settings } from '../../messages';
import { t } from '../i18n';
import { NumberField } from '../forms/number-field';

type Generator = Settings['generator'];
const flags: (keyof Omit<Generator, 'length'>)[] = ['lower', 'upper', 'digits', 'symbols', 'avoidAmbiguous', 'useServer'];

export function GeneratorFields(props: { value: Generator; onChange: (value: Generator) => void }) {
  const { value } = props;
  const setFlag = (flag: (typeof flags)[number], on: boolean) => props.onChange({ ...value, [flag]: on });
  return (
    <fieldset class="card">
      <legend>{t('generatorHeading')}</legend>
      <NumberField
        id="gen-length"
        label={t('generatorLength')}
        value={value.length}
        min={4}
        max={128}
        onChange={(length) => props.onChange({ ...value, length })}
      />
      {flags.map((flag) => (
        <label class="check" key={flag}>
          <input type="checkbox" checked={value[flag]} onChange={(e) => setFlag(flag, e.currentTarget.checked)} /> {t(`generator_${flag}`)}
        </label>
      ))}
    </fieldset>
  );
}
