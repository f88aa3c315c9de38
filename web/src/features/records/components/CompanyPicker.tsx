import { useEffect, useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useT } from '../../../app/i18n';
import { useSearchQuery, type SearchHit } from '../../search/searchApi';

export interface CompanyChoice {
  id: string;
  name: string;
}

interface CompanyPickerProps {
  value: CompanyChoice | null;
  onChange: (value: CompanyChoice | null) => void;
  label: string;
  name?: string;
  error?: string;
  size?: 'small' | 'medium';
}

/** Finds a company by name or domain as you type (the global search, companies only). */
export function CompanyPicker({ value, onChange, label, name = 'companyId', error, size }: CompanyPickerProps) {
  const t = useT();
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(input.trim()), 200);
    return () => clearTimeout(timer);
  }, [input]);
  const { data, isFetching } = useSearchQuery({ q: query, limit: 8, objects: ['companies'] }, { skip: query.length < 1 });
  const options: CompanyChoice[] = (data?.data ?? []).map((hit: SearchHit) => ({ id: hit.id, name: hit.title }));

  return (
    <Autocomplete
      value={value}
      onChange={(_e, next) => onChange(next)}
      inputValue={input}
      onInputChange={(_e, next) => setInput(next)}
      options={value && !options.some((o) => o.id === value.id) ? [value, ...options] : options}
      getOptionLabel={(o) => o.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(x) => x}
      loading={isFetching}
      noOptionsText={query ? t('records.company.none') : t('records.company.typeToSearch')}
      size={size}
      renderInput={(params) => <TextField {...params} name={name} label={label} error={Boolean(error)} helperText={error ?? ' '} />}
    />
  );
}
