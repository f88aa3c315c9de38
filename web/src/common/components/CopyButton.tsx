import { useState } from 'react';
import Check from '@mui/icons-material/Check';
import ContentCopy from '@mui/icons-material/ContentCopy';
import Button, { type ButtonProps } from '@mui/material/Button';
import { useT } from '../../app/i18n';
import { useToast } from '../toast/useToast';

interface CopyButtonProps extends Omit<ButtonProps, 'onClick'> {
  text: string;
  label?: string;
}

/** Copies `text` to the clipboard and says so; falls back to a toast when the clipboard is blocked. */
export function CopyButton({ text, label, ...props }: CopyButtonProps) {
  const t = useT();
  const toast = useToast();
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      toast({ severity: 'error', message: t('common.copyFailed') });
    }
  };

  return (
    <Button variant="outlined" startIcon={copied ? <Check /> : <ContentCopy />} onClick={() => void copy()} {...props}>
      {copied ? t('common.copied') : (label ?? t('common.copy'))}
    </Button>
  );
}
