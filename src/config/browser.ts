/**
 * How Neo4j Browser finds PaperGraph's guide and style: the URLs, the Browser settings that
 * open them after login, and the Browser origins the server answers CORS for. Pure functions
 * of the parsed configuration.
 */
import type { AppConfig } from './env.js';

export interface BrowserLinks {
  /** This server as the Browser reaches it, no trailing slash. */
  readonly publicUrl: string;
  readonly guideUrl: string;
  readonly styleUrl: string;
  /** `browser.post_connect_cmd`: apply the style, open the guide. */
  readonly postConnectCmd: string;
  /** `browser.remote_content_hostname_whitelist`: host names only (the Browser ignores ports). */
  readonly allowlist: string;
  /** Origins of Browser pages that may fetch the guide and the style. */
  readonly origins: readonly string[];
}

type BrowserConfig = Pick<
  AppConfig,
  'HOST' | 'PORT' | 'NEO4J_HTTP_PORT' | 'PAPERGRAPH_PUBLIC_URL' | 'PAPERGRAPH_BROWSER_ORIGINS'
>;

/** Listening on every interface says nothing about the name a browser uses: take loopback. */
function defaultPublicUrl(cfg: BrowserConfig): string {
  const host = cfg.HOST === '0.0.0.0' || cfg.HOST === '::' || cfg.HOST === '' ? '127.0.0.1' : cfg.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${cfg.PORT}`;
}

export function browserLinks(cfg: BrowserConfig): BrowserLinks {
  const publicUrl = (cfg.PAPERGRAPH_PUBLIC_URL ?? defaultPublicUrl(cfg)).replace(/\/$/, '');
  const guideUrl = `${publicUrl}/browser/guide`;
  const styleUrl = `${publicUrl}/browser/style.grass`;
  const hosts = new Set(['localhost', '127.0.0.1', new URL(publicUrl).hostname]);
  const ports = new Set([7474, cfg.NEO4J_HTTP_PORT]);
  const origins = new Set<string>();
  for (const port of ports) for (const h of ['127.0.0.1', 'localhost']) origins.add(`http://${h}:${port}`);
  for (const o of cfg.PAPERGRAPH_BROWSER_ORIGINS) origins.add(o);
  return {
    publicUrl,
    guideUrl,
    styleUrl,
    postConnectCmd: `style ${styleUrl}; guide ${guideUrl}`,
    allowlist: [...hosts].join(','),
    origins: [...origins],
  };
}

/**
 * A Neo4j Browser URL that opens the guide (for a Neo4j PaperGraph did not configure). The
 * Browser runs a URL's command at start, before login, when its allowlist is still its default
 * `guides.neo4j.com,localhost`: a guide on 127.0.0.1 is linked as `localhost`, the one name
 * that default allows.
 */
export function browserGuideLink(browserUrl: string, guideUrl: string): string {
  const url = new URL(guideUrl);
  if (url.hostname === '127.0.0.1') url.hostname = 'localhost';
  return `${browserUrl}?cmd=guide&arg=${encodeURIComponent(url.toString())}`;
}
