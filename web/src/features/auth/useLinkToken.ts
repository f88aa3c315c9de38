import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';

/**
 * The single-use token of an emailed link (`?token=` or `/:token`). It is moved out of the
 * address bar into history state at once, so it does not linger in the URL (screenshots,
 * shared screens, Referer) yet survives a reload.
 */
export function useLinkToken(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const params = useParams();
  const fromState = (location.state as { linkToken?: string } | null)?.linkToken ?? null;
  const fromUrl = params.token ?? new URLSearchParams(location.search).get('token');
  const [token] = useState(() => fromUrl || fromState);

  useEffect(() => {
    if (!fromUrl) return;
    const base = params.token ? location.pathname.slice(0, location.pathname.length - params.token.length - 1) : location.pathname;
    navigate(base || '/', { replace: true, state: { ...(location.state as object | null), linkToken: fromUrl } });
  }, [fromUrl, params.token, location.pathname, location.state, navigate]);

  return token;
}
