import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import { useT, type MessageKey } from '../../../app/i18n';

const steps: MessageKey[] = ['imports.step.upload', 'imports.step.mapping', 'imports.step.progress', 'imports.step.result'];

/** Where the user is in the wizard: upload → map → import → result. */
export function ImportSteps({ active }: { active: 0 | 1 | 2 | 3 }) {
  const t = useT();
  return (
    <Stepper activeStep={active} alternativeLabel aria-label={t('imports.wizard.steps')} sx={{ mb: 3 }}>
      {steps.map((key, index) => (
        <Step key={key} completed={index < active || (active === 3 && index === 3)}>
          <StepLabel aria-current={index === active ? 'step' : undefined}>{t(key)}</StepLabel>
        </Step>
      ))}
    </Stepper>
  );
}
