import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import ApartmentOutlined from '@mui/icons-material/ApartmentOutlined';
import MonetizationOnOutlined from '@mui/icons-material/MonetizationOnOutlined';
import PersonOutlined from '@mui/icons-material/PersonOutlined';
import SearchIcon from '@mui/icons-material/Search';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import InputBase from '@mui/material/InputBase';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useT, type MessageKey } from '../../app/i18n';
import { describeApiError } from '../../api/problem';
import type { RecordObject } from '../records/types';
import { useSearchQuery, type SearchHit } from './searchApi';

const icons: Record<RecordObject, typeof PersonOutlined> = {
  contacts: PersonOutlined,
  companies: ApartmentOutlined,
  deals: MonetizationOnOutlined,
};
const kindLabel: Record<RecordObject, MessageKey> = {
  contacts: 'search.kind.contact',
  companies: 'search.kind.company',
  deals: 'search.kind.deal',
};

/** Ctrl/Cmd+K: find any contact, company or deal by name, email, phone or domain; arrows + Enter open it. */
export function SearchPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const listId = useId();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);

  useEffect(() => {
    const timer = setTimeout(() => setQ(input.trim()), 150);
    return () => clearTimeout(timer);
  }, [input]);
  useEffect(() => {
    if (!open) {
      setInput('');
      setQ('');
    }
  }, [open]);

  const { data, error, isFetching } = useSearchQuery({ q, limit: 10 }, { skip: q.length === 0 || !open });
  const hits = q ? (data?.data ?? []) : [];
  useEffect(() => setActive(0), [data]);

  const openHit = (hit: SearchHit) => {
    onClose();
    void navigate(`/${hit.object}/${hit.id}`);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(hits.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === 'Enter' && hits[active]) {
      event.preventDefault();
      openHit(hits[active]);
    }
  };

  let status: string | null = null;
  if (!q) status = t('search.hint');
  else if (error) status = describeApiError(error).status === null ? t('common.error.network') : t('search.failed');
  else if (!isFetching && data && hits.length === 0) status = t('search.noResults', { query: q });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-label={t('search.label')}
      slotProps={{
        paper: {
          sx: { alignSelf: 'flex-start', mt: { xs: 2, sm: 10 }, mx: { xs: 1, sm: 4 }, width: { xs: 'calc(100% - 16px)', sm: undefined } },
        },
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1.25, borderBottom: 1, borderColor: 'divider' }}>
        <SearchIcon color="action" aria-hidden />
        <InputBase
          autoFocus
          fullWidth
          placeholder={t('search.placeholder')}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
          inputProps={{
            role: 'combobox',
            'aria-label': t('search.label'),
            'aria-expanded': hits.length > 0,
            'aria-controls': listId,
            'aria-activedescendant': hits[active] ? `${listId}-${active}` : undefined,
            'aria-autocomplete': 'list',
            maxLength: 200,
          }}
        />
      </Box>
      <Box sx={{ height: 4 }}>{isFetching && <LinearProgress aria-label={t('search.searching')} />}</Box>
      <Box
        component="ul"
        id={listId}
        role="listbox"
        aria-label={t('search.results')}
        sx={{ listStyle: 'none', m: 0, p: 0.5, maxHeight: 420, overflowY: 'auto' }}
      >
        {hits.map((hit, index) => {
          const Icon = icons[hit.object] ?? PersonOutlined;
          return (
            <Box
              component="li"
              key={`${hit.object}-${hit.id}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseEnter={() => setActive(index)}
              onClick={() => openHit(hit)}
              data-testid="search-hit"
              sx={{
                display: 'flex',
                alignItems: 'center',
                gap: 1.5,
                px: 1.5,
                py: 1,
                borderRadius: 1.5,
                cursor: 'pointer',
                bgcolor: index === active ? 'action.selected' : 'transparent',
              }}
            >
              <Icon fontSize="small" color="action" aria-hidden />
              <Box sx={{ minWidth: 0, flex: 1 }}>
                <Typography noWrap sx={{ fontWeight: 500 }}>
                  {hit.title}
                </Typography>
                {hit.subtitle && (
                  <Typography noWrap variant="body2" color="text.secondary">
                    {hit.subtitle}
                  </Typography>
                )}
              </Box>
              <Typography variant="caption" color="text.secondary">
                {t(kindLabel[hit.object])}
              </Typography>
            </Box>
          );
        })}
      </Box>
      {status && (
        <Typography color="text.secondary" sx={{ px: 2.5, pb: 2, pt: hits.length ? 0 : 1 }} role="status">
          {status}
        </Typography>
      )}
    </Dialog>
  );
}
