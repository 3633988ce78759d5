// Deterministic sample enriched events for a small outdoor-gear web shop (plus its mobile app).
// Visitors have sessions separated by at least 30 minutes of inactivity; inside a session no two
// events are 30 minutes apart. Each visitor gets an event budget up front, so the total is exact.
// Only open sessions are held in memory: visitors wait in a heap keyed by their next session
// start, open sessions' events in a heap keyed by time, and lines come out in time order.
import { ENRICHED_EVENT_FIELDS, ENRICHED_EVENT_FIELD_COUNT } from '../events/fields';
import { formatTimestampMs } from '../events/timestamps';
import {
  BLOG_POSTS,
  CAMPAIGNS,
  CITIES,
  DEVICES,
  LANDING_REFERRERS,
  PRODUCTS,
  SEARCH_TERMS,
  SITE_HOST,
  USD_RATE,
  type City,
  type Device,
  type Product,
  type Referrer,
} from './catalog';
import { MinHeap } from './heap';
import { Prng } from './prng';
import { resolveSampleOptions, type SampleOptions } from './options';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Minimum inactivity before a new session (the trackers' default timeout) plus a margin. */
const SESSION_GAP_MS = 31 * MINUTE;
/** Longest silence inside a session; well under the 30-minute timeout. */
const MAX_DWELL_MS = 20 * MINUTE;
const AVG_SESSION_EVENTS = 14;

const FIELD: Record<string, number> = Object.fromEntries(ENRICHED_EVENT_FIELDS.map((f) => [f.name, f.index]));
const f = (name: string): number => {
  const index = FIELD[name];
  if (index === undefined) throw new Error(`unknown enriched-event field ${name}`);
  return index;
};

// Field indexes used below (resolved once; a typo fails at module load, not silently).
const F_APP_ID = f('app_id'),
  F_PLATFORM = f('platform'),
  F_ETL_TSTAMP = f('etl_tstamp'),
  F_COLLECTOR_TSTAMP = f('collector_tstamp');
const F_DVCE_CREATED = f('dvce_created_tstamp'),
  F_EVENT = f('event'),
  F_EVENT_ID = f('event_id'),
  F_TXN_ID = f('txn_id');
const F_NAME_TRACKER = f('name_tracker'),
  F_V_TRACKER = f('v_tracker'),
  F_V_COLLECTOR = f('v_collector'),
  F_V_ETL = f('v_etl');
const F_USER_ID = f('user_id'),
  F_USER_IP = f('user_ipaddress'),
  F_FINGERPRINT = f('user_fingerprint'),
  F_DOMAIN_USERID = f('domain_userid');
const F_SESSIONIDX = f('domain_sessionidx'),
  F_NETWORK_USERID = f('network_userid');
const F_GEO_COUNTRY = f('geo_country'),
  F_GEO_REGION = f('geo_region'),
  F_GEO_CITY = f('geo_city'),
  F_GEO_ZIP = f('geo_zipcode');
const F_GEO_LAT = f('geo_latitude'),
  F_GEO_LON = f('geo_longitude'),
  F_GEO_REGION_NAME = f('geo_region_name'),
  F_GEO_TZ = f('geo_timezone');
const F_PAGE_URL = f('page_url'),
  F_PAGE_TITLE = f('page_title'),
  F_PAGE_REFERRER = f('page_referrer'),
  F_PAGE_SCHEME = f('page_urlscheme');
const F_PAGE_HOST = f('page_urlhost'),
  F_PAGE_PORT = f('page_urlport'),
  F_PAGE_PATH = f('page_urlpath'),
  F_PAGE_QUERY = f('page_urlquery');
const F_REFR_SCHEME = f('refr_urlscheme'),
  F_REFR_HOST = f('refr_urlhost'),
  F_REFR_PORT = f('refr_urlport'),
  F_REFR_PATH = f('refr_urlpath');
const F_REFR_QUERY = f('refr_urlquery'),
  F_REFR_MEDIUM = f('refr_medium'),
  F_REFR_SOURCE = f('refr_source'),
  F_REFR_TERM = f('refr_term');
const F_MKT_MEDIUM = f('mkt_medium'),
  F_MKT_SOURCE = f('mkt_source'),
  F_MKT_TERM = f('mkt_term'),
  F_MKT_CONTENT = f('mkt_content');
const F_MKT_CAMPAIGN = f('mkt_campaign'),
  F_MKT_CLICKID = f('mkt_clickid'),
  F_MKT_NETWORK = f('mkt_network');
const F_CONTEXTS = f('contexts'),
  F_SE_CATEGORY = f('se_category'),
  F_SE_ACTION = f('se_action'),
  F_SE_LABEL = f('se_label');
const F_SE_PROPERTY = f('se_property'),
  F_SE_VALUE = f('se_value'),
  F_UNSTRUCT = f('unstruct_event');
const F_TR_ORDERID = f('tr_orderid'),
  F_TR_AFFILIATION = f('tr_affiliation'),
  F_TR_TOTAL = f('tr_total'),
  F_TR_TAX = f('tr_tax');
const F_TR_SHIPPING = f('tr_shipping'),
  F_TR_CITY = f('tr_city'),
  F_TR_STATE = f('tr_state'),
  F_TR_COUNTRY = f('tr_country');
const F_TI_ORDERID = f('ti_orderid'),
  F_TI_SKU = f('ti_sku'),
  F_TI_NAME = f('ti_name'),
  F_TI_CATEGORY = f('ti_category');
const F_TI_PRICE = f('ti_price'),
  F_TI_QUANTITY = f('ti_quantity');
const F_PP_XMIN = f('pp_xoffset_min'),
  F_PP_XMAX = f('pp_xoffset_max'),
  F_PP_YMIN = f('pp_yoffset_min'),
  F_PP_YMAX = f('pp_yoffset_max');
const F_USERAGENT = f('useragent'),
  F_BR_NAME = f('br_name'),
  F_BR_FAMILY = f('br_family'),
  F_BR_VERSION = f('br_version');
const F_BR_TYPE = f('br_type'),
  F_BR_ENGINE = f('br_renderengine'),
  F_BR_LANG = f('br_lang'),
  F_BR_COOKIES = f('br_cookies');
const F_BR_FEATURES = ['pdf', 'flash', 'java', 'director', 'quicktime', 'realplayer', 'windowsmedia', 'gears', 'silverlight'].map((n) =>
  f(`br_features_${n}`),
);
const F_BR_COLORDEPTH = f('br_colordepth'),
  F_BR_VIEWWIDTH = f('br_viewwidth'),
  F_BR_VIEWHEIGHT = f('br_viewheight');
const F_OS_NAME = f('os_name'),
  F_OS_FAMILY = f('os_family'),
  F_OS_MANUFACTURER = f('os_manufacturer'),
  F_OS_TZ = f('os_timezone');
const F_DVCE_TYPE = f('dvce_type'),
  F_DVCE_ISMOBILE = f('dvce_ismobile'),
  F_DVCE_SCREENWIDTH = f('dvce_screenwidth'),
  F_DVCE_SCREENHEIGHT = f('dvce_screenheight');
const F_DOC_CHARSET = f('doc_charset'),
  F_DOC_WIDTH = f('doc_width'),
  F_DOC_HEIGHT = f('doc_height');
const F_TR_CURRENCY = f('tr_currency'),
  F_TR_TOTAL_BASE = f('tr_total_base'),
  F_TR_TAX_BASE = f('tr_tax_base'),
  F_TR_SHIPPING_BASE = f('tr_shipping_base');
const F_TI_CURRENCY = f('ti_currency'),
  F_TI_PRICE_BASE = f('ti_price_base'),
  F_BASE_CURRENCY = f('base_currency');
const F_DVCE_SENT = f('dvce_sent_tstamp'),
  F_DERIVED_CONTEXTS = f('derived_contexts'),
  F_SESSIONID = f('domain_sessionid');
const F_DERIVED_TSTAMP = f('derived_tstamp'),
  F_EVENT_VENDOR = f('event_vendor'),
  F_EVENT_NAME = f('event_name');
const F_EVENT_FORMAT = f('event_format'),
  F_EVENT_VERSION = f('event_version'),
  F_EVENT_FINGERPRINT = f('event_fingerprint');

const CONTEXTS_SCHEMA = 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0';
const UNSTRUCT_SCHEMA = 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0';

type EventKind = 'page_view' | 'page_ping' | 'struct' | 'link_click' | 'screen_view' | 'transaction' | 'transaction_item';

const EVENT_META: Record<EventKind, { event: string; vendor: string; name: string; version: string }> = {
  page_view: { event: 'page_view', vendor: 'com.snowplowanalytics.snowplow', name: 'page_view', version: '1-0-0' },
  page_ping: { event: 'page_ping', vendor: 'com.snowplowanalytics.snowplow', name: 'page_ping', version: '1-0-0' },
  struct: { event: 'struct', vendor: 'com.google.analytics', name: 'event', version: '1-0-0' },
  link_click: { event: 'unstruct', vendor: 'com.snowplowanalytics.snowplow', name: 'link_click', version: '1-0-1' },
  screen_view: { event: 'unstruct', vendor: 'com.snowplowanalytics.mobile', name: 'screen_view', version: '1-0-0' },
  transaction: { event: 'transaction', vendor: 'com.snowplowanalytics.snowplow', name: 'transaction', version: '1-0-0' },
  transaction_item: { event: 'transaction_item', vendor: 'com.snowplowanalytics.snowplow', name: 'transaction_item', version: '1-0-0' },
};

interface Visitor {
  /** Key in the visitor heap: when the next session starts. */
  time: number;
  seq: number;
  budget: number;
  sessionIdx: number;
  mobile: boolean;
  city: City;
  device: Device;
  /** Fields that stay the same for all this visitor's events. */
  template: string[];
  accountId: string | null;
  clockSkewMs: number;
  domainUserid: string;
}

interface PendingLine {
  time: number;
  seq: number;
  line: string;
}

interface Page {
  path: string;
  query: string;
  title: string;
  product?: Product;
}

function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const frac = abs % 100;
  return `${sign}${Math.floor(abs / 100)}.${frac < 10 ? '0' : ''}${frac}`;
}

function contexts(entities: string[]): string {
  return `{"schema":"${CONTEXTS_SCHEMA}","data":[${entities.join(',')}]}`;
}

function unstruct(schema: string, data: Record<string, unknown>): string {
  return JSON.stringify({ schema: UNSTRUCT_SCHEMA, data: { schema, data } });
}

/** Splits `total` into `parts` shares with a heavy tail (a few visitors do a lot), summing exactly. */
function eventBudgets(rng: Prng, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 1 / Math.pow(1 - rng.next() * 0.995, 0.8));
  const sum = weights.reduce((a, b) => a + b, 0);
  const budgets = weights.map((w) => Math.max(total >= parts ? 1 : 0, Math.floor((w / sum) * total)));
  let assigned = budgets.reduce((a, b) => a + b, 0);
  for (let i = 0; assigned < total; i = (i + 1) % parts) {
    budgets[i]++;
    assigned++;
  }
  for (let i = 0; assigned > total; i = (i + 1) % parts) {
    if (budgets[i] > 1) {
      budgets[i]--;
      assigned--;
    }
  }
  return budgets;
}

class SampleGenerator {
  private readonly rng: Prng;
  private readonly periodStart: number;
  private readonly periodEnd: number;
  private readonly visitors = new MinHeap<Visitor>();
  private readonly pending = new MinHeap<PendingLine>();
  private seq = 0;
  private orderNo = 100000;

  constructor(options: SampleOptions) {
    const o = resolveSampleOptions(options);
    this.rng = new Prng(o.seed);
    this.periodStart = Date.parse(`${o.startDate}T00:00:00Z`);
    this.periodEnd = this.periodStart + o.days * 86_400_000;
    const users = Math.min(o.users, o.events);
    const budgets = eventBudgets(this.rng, o.events, users);
    for (let i = 0; i < users; i++) {
      const visitor = this.makeVisitor(i, budgets[i]);
      if (visitor.budget > 0) this.visitors.push(visitor);
    }
  }

  *lines(): Generator<string> {
    for (;;) {
      const nextLine = this.pending.peek();
      const nextVisitor = this.visitors.peek();
      if (nextVisitor && (!nextLine || nextVisitor.time <= nextLine.time)) {
        this.visitors.pop();
        this.runSession(nextVisitor);
        if (nextVisitor.budget > 0) this.visitors.push(nextVisitor);
      } else if (nextLine) {
        this.pending.pop();
        yield nextLine.line;
      } else {
        return;
      }
    }
  }

  private makeVisitor(index: number, budget: number): Visitor {
    const rng = this.rng;
    const mobile = rng.chance(0.08);
    const city = rng.weighted(
      CITIES,
      CITIES.map((c) => c.weight),
    );
    const device = mobile
      ? rng.pick(DEVICES.filter((d) => d.dvceType === 'Mobile'))
      : rng.weighted(
          DEVICES,
          DEVICES.map((d) => d.weight),
        );
    const [screenW, screenH] = rng.pick(device.screens);
    const t: string[] = new Array(ENRICHED_EVENT_FIELD_COUNT).fill('');
    const ios = device.osFamily === 'iOS';
    const legacyTracker = !mobile && rng.chance(0.3);
    t[F_APP_ID] = mobile ? (ios ? 'shop-ios' : 'shop-android') : 'shop-web';
    t[F_PLATFORM] = mobile ? 'mob' : 'web';
    t[F_NAME_TRACKER] = mobile ? (ios ? 'iostracker' : 'androidtracker') : 'sp';
    t[F_V_TRACKER] = mobile ? (ios ? 'ios-5.6.0' : 'andr-5.4.1') : legacyTracker ? 'js-2.17.2' : 'js-3.23.0';
    t[F_V_COLLECTOR] = 'ssc-2.9.0-kinesis';
    t[F_V_ETL] = 'snowplow-enrich-kinesis-3.8.0';
    t[F_USER_IP] = `${rng.int(2, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.chance(0.4) ? 'x' : rng.int(1, 254)}`;
    t[F_NETWORK_USERID] = rng.uuid();
    const domainUserid = mobile ? '' : rng.uuid();
    t[F_DOMAIN_USERID] = domainUserid;
    if (!mobile) t[F_FINGERPRINT] = String(rng.int(100_000_000, 4_294_967_295));
    t[F_GEO_COUNTRY] = city.country;
    t[F_GEO_REGION] = city.region;
    t[F_GEO_CITY] = city.city;
    t[F_GEO_ZIP] = city.zipcode ?? '';
    t[F_GEO_LAT] = (city.lat + (rng.next() - 0.5) * 0.05).toFixed(4);
    t[F_GEO_LON] = (city.lon + (rng.next() - 0.5) * 0.05).toFixed(4);
    t[F_GEO_REGION_NAME] = city.regionName;
    t[F_GEO_TZ] = city.timezone;
    t[F_USERAGENT] = mobile
      ? `${ios ? 'ShopApp/4.2 CFNetwork/1496 Darwin/23.5.0' : 'Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8)'}`
      : device.useragent;
    if (!mobile) {
      t[F_BR_NAME] = device.brName;
      t[F_BR_FAMILY] = device.brFamily;
      t[F_BR_VERSION] = device.brVersion;
      t[F_BR_TYPE] = device.brType;
      t[F_BR_ENGINE] = device.brRenderEngine;
      t[F_BR_LANG] = city.lang;
      t[F_BR_COOKIES] = rng.chance(0.97) ? '1' : '0';
      // Only the 2.x JavaScript tracker still detects plugins; 3.x leaves these null.
      if (legacyTracker) F_BR_FEATURES.forEach((i, n) => (t[i] = n === 0 ? (rng.chance(0.8) ? '1' : '0') : '0'));
      t[F_BR_COLORDEPTH] = '24';
      t[F_BR_VIEWWIDTH] = String(screenW - (device.mobile ? 0 : rng.int(0, 40)));
      t[F_BR_VIEWHEIGHT] = String(screenH - rng.int(60, 160));
      t[F_DOC_CHARSET] = 'UTF-8';
      t[F_DOC_WIDTH] = t[F_BR_VIEWWIDTH];
      t[F_OS_TZ] = city.timezone;
    }
    t[F_OS_NAME] = device.osName;
    t[F_OS_FAMILY] = device.osFamily;
    t[F_OS_MANUFACTURER] = device.osManufacturer;
    t[F_DVCE_TYPE] = device.dvceType;
    t[F_DVCE_ISMOBILE] = device.mobile ? '1' : '0';
    t[F_DVCE_SCREENWIDTH] = String(screenW);
    t[F_DVCE_SCREENHEIGHT] = String(screenH);
    if (!mobile) {
      t[F_DERIVED_CONTEXTS] = contexts([
        JSON.stringify({
          schema: 'iglu:com.snowplowanalytics.snowplow/ua_parser_context/jsonschema/1-0-0',
          data: {
            useragentFamily: device.brFamily,
            useragentMajor: device.brVersion.split('.')[0],
            useragentMinor: device.brVersion.split('.')[1] ?? null,
            useragentPatch: null,
            useragentVersion: `${device.brFamily} ${device.brVersion}`,
            osFamily: device.osFamily,
            osMajor: null,
            osMinor: null,
            osPatch: null,
            osPatchMinor: null,
            osVersion: device.osName,
            deviceFamily: device.dvceType === 'Computer' ? 'Other' : device.osFamily === 'iOS' ? 'iPhone' : 'Pixel',
          },
        }),
      ]);
    }
    const estimatedSessions = Math.max(1, budget / AVG_SESSION_EVENTS);
    const firstWindow = Math.min(1, 1.5 / estimatedSessions) * (this.periodEnd - this.periodStart);
    return {
      time: this.periodStart + Math.floor(rng.next() * firstWindow),
      seq: index,
      budget,
      // Returning visitors already had sessions before the period.
      sessionIdx: rng.chance(0.3) ? rng.int(1, 12) : 0,
      mobile,
      city,
      device,
      template: t,
      accountId: rng.chance(0.35) ? `customer-${String(100000 + index)}@example.com` : null,
      clockSkewMs: rng.chance(0.02) ? rng.int(-7_200_000, 7_200_000) : rng.int(-3000, 3000),
      domainUserid,
    };
  }

  private runSession(v: Visitor): void {
    const rng = this.rng;
    v.sessionIdx++;
    const session = v.template.slice();
    const sessionId = rng.uuid();
    if (!v.mobile) {
      session[F_SESSIONID] = sessionId;
      session[F_SESSIONIDX] = String(v.sessionIdx);
    }
    if (v.accountId && rng.chance(0.75)) session[F_USER_ID] = v.accountId;
    const emit = new SessionEmitter(this, v, session, sessionId);
    if (v.mobile) this.mobileSession(emit);
    else this.webSession(emit);
    v.budget -= emit.count;
    if (v.budget > 0) {
      const remainingSessions = Math.max(1, v.budget / AVG_SESSION_EVENTS);
      const meanGap = Math.max(SESSION_GAP_MS, (this.periodEnd - emit.time) / (remainingSessions + 0.5));
      const earliest = emit.time + SESSION_GAP_MS;
      // Keep sessions inside the period: a draw past its end is replaced by a uniform one.
      const latest = Math.max(earliest, this.periodEnd - 15 * MINUTE);
      const next = earliest + Math.floor(rng.exponential(meanGap - SESSION_GAP_MS + MINUTE));
      v.time = next <= latest ? next : earliest + Math.floor(rng.next() * (latest - earliest));
      v.seq = this.seq++;
    }
  }

  private webSession(emit: SessionEmitter): void {
    const rng = this.rng;
    const referrer = rng.weighted(
      LANDING_REFERRERS,
      LANDING_REFERRERS.map((r) => r.weight),
    );
    const campaign = referrer.medium === 'email' ? CAMPAIGNS[rng.int(0, 1)] : referrer.medium === 'paid' ? CAMPAIGNS[rng.int(2, 3)] : null;
    let page = this.landingPage(referrer);
    let previousUrl: string | null = null;
    const cart: Product[] = [];
    let pagesLeft = 1 + Math.min(14, Math.floor(rng.exponential(2.5)));
    while (emit.open) {
      const url = `https://${SITE_HOST}${page.path}${page.query ? '?' + page.query : ''}`;
      const fields = emit.pageFields(
        page,
        url,
        previousUrl,
        previousUrl === null ? referrer : null,
        previousUrl === null ? campaign : null,
      );
      const webPageId = rng.uuid();
      const pageContexts = contexts([
        `{"schema":"iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0","data":{"id":"${webPageId}"}}`,
      ]);
      fields[F_CONTEXTS] = pageContexts;
      const docHeight = rng.int(1200, 6000);
      fields[F_DOC_HEIGHT] = String(docHeight);
      emit.event('page_view', fields);
      // Reading time; page pings every ~10 s while the visitor stays and scrolls.
      const dwell = Math.min(MAX_DWELL_MS, 3000 + Math.floor(rng.exponential(55_000)));
      const pageEnd = emit.time + dwell;
      let y = 0;
      for (let pingAt = emit.time + 10_000 + rng.int(0, 999); pingAt < pageEnd && emit.open; pingAt += 10_000 + rng.int(0, 999)) {
        const yMin = y;
        y = Math.min(docHeight, y + rng.int(0, 700));
        const ping = fields.slice();
        ping[F_PP_XMIN] = '0';
        ping[F_PP_XMAX] = rng.chance(0.9) ? '0' : String(rng.int(1, 40));
        ping[F_PP_YMIN] = String(yMin);
        ping[F_PP_YMAX] = String(y);
        emit.at(pingAt).event('page_ping', ping);
        if (rng.chance(0.02) && emit.open) emit.at(pingAt + rng.int(200, 4000)).event('struct', this.structFields(fields, 'video', page));
      }
      if (page.product && rng.chance(0.3) && emit.open) {
        cart.push(page.product);
        emit.at(Math.min(pageEnd, emit.time + rng.int(2000, 60_000))).event('struct', this.structFields(fields, 'add-to-cart', page));
      }
      if (page.path.startsWith('/blog/') && rng.chance(0.3) && emit.open) {
        const target = rng.chance(0.5)
          ? `https://${SITE_HOST}/products/${rng.pick(PRODUCTS).slug}`
          : 'https://www.nps.gov/subjects/trails/index.htm';
        const click = fields.slice();
        click[F_UNSTRUCT] = unstruct('iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1', {
          targetUrl: target,
          elementId: `post-link-${rng.int(1, 9)}`,
          elementClasses: ['inline-link'],
        });
        emit.at(Math.min(pageEnd, emit.time + rng.int(1000, 90_000))).event('link_click', click);
      }
      if (rng.chance(0.03) && emit.open)
        emit.at(emit.time + rng.int(500, 20_000)).event('struct', this.structFields(fields, 'newsletter', page));
      if (page.path === '/checkout/complete' && emit.open) {
        this.transaction(emit, fields, cart.splice(0));
        break;
      }
      pagesLeft--;
      if (pagesLeft <= 0 || !emit.open) break;
      previousUrl = url;
      emit.at(Math.max(emit.time, pageEnd) + rng.int(300, 5000));
      page = this.nextPage(page, cart);
    }
  }

  private mobileSession(emit: SessionEmitter): void {
    const rng = this.rng;
    const screens = ['Home', 'Search', 'ProductList', 'ProductDetail', 'Cart', 'Account'];
    let screensLeft = 1 + Math.min(20, Math.floor(rng.exponential(5)));
    let previous: string | null = null;
    const sessionEntity = `{"schema":"iglu:com.snowplowanalytics.snowplow/client_session/jsonschema/1-0-2","data":{"userId":"${emit.visitor.template[F_NETWORK_USERID]}","sessionId":"${emit.sessionId}","sessionIndex":${emit.visitor.sessionIdx},"storageMechanism":"SQLITE","previousSessionId":null,"firstEventId":null}}`;
    const mobileEntity = `{"schema":"iglu:com.snowplowanalytics.snowplow/mobile_context/jsonschema/1-0-3","data":{"osType":"${emit.visitor.device.osFamily.toLowerCase()}","osVersion":"${emit.visitor.device.osName.replace(/^\D+/, '') || '17'}","deviceManufacturer":"${emit.visitor.device.osManufacturer}","deviceModel":"${emit.visitor.device.dvceType}"}}`;
    while (emit.open && screensLeft-- > 0) {
      const name: string = previous === null ? 'Home' : rng.pick(screens);
      const fields = emit.base();
      fields[F_CONTEXTS] = contexts([sessionEntity, mobileEntity]);
      fields[F_UNSTRUCT] = unstruct('iglu:com.snowplowanalytics.mobile/screen_view/jsonschema/1-0-0', {
        name,
        id: rng.uuid(),
        type: 'feed',
        previousName: previous,
      });
      emit.event('screen_view', fields);
      if (name === 'ProductDetail' && rng.chance(0.25) && emit.open) {
        const page: Page = { path: '', query: '', title: name, product: rng.pick(PRODUCTS) };
        const add = this.structFields(emit.base(), 'add-to-cart', page);
        add[F_CONTEXTS] = fields[F_CONTEXTS];
        emit.at(emit.time + rng.int(1000, 30_000)).event('struct', add);
      }
      previous = name;
      emit.at(emit.time + rng.int(2000, 120_000));
    }
  }

  private landingPage(referrer: Referrer): Page {
    const rng = this.rng;
    if (referrer.medium === 'search' || referrer.medium === 'paid')
      return rng.chance(0.7) ? productPage(rng.pick(PRODUCTS)) : blogPage(rng);
    if (referrer.medium === 'unknown' || referrer.medium === 'social')
      return rng.chance(0.5) ? blogPage(rng) : productPage(rng.pick(PRODUCTS));
    if (referrer.medium === 'email') return { path: '/sale', query: '', title: 'Summer sale | Snowplow Shop' };
    return { path: '/', query: '', title: 'Snowplow Shop - Outdoor gear' };
  }

  private nextPage(current: Page, cart: Product[]): Page {
    const rng = this.rng;
    if (current.path === '/cart')
      return rng.chance(0.45) ? { path: '/checkout', query: '', title: 'Checkout | Snowplow Shop' } : productPage(rng.pick(PRODUCTS));
    if (current.path === '/checkout')
      return rng.chance(0.75)
        ? { path: '/checkout/complete', query: '', title: 'Thank you for your order | Snowplow Shop' }
        : { path: '/cart', query: '', title: 'Your cart | Snowplow Shop' };
    if (cart.length > 0 && rng.chance(0.35)) return { path: '/cart', query: '', title: 'Your cart | Snowplow Shop' };
    const r = rng.next();
    if (r < 0.45) return productPage(rng.pick(PRODUCTS));
    if (r < 0.6)
      return { path: '/products', query: `category=${rng.pick(PRODUCTS).category.toLowerCase()}`, title: 'Products | Snowplow Shop' };
    if (r < 0.72)
      return {
        path: '/search',
        query: `q=${encodeURIComponent(rng.pick(SEARCH_TERMS)).replace(/%20/g, '+')}`,
        title: 'Search | Snowplow Shop',
      };
    if (r < 0.85) return blogPage(rng);
    if (r < 0.93) return { path: '/', query: '', title: 'Snowplow Shop - Outdoor gear' };
    return { path: '/account', query: '', title: 'Your account | Snowplow Shop' };
  }

  private structFields(pageFields: string[], kind: 'video' | 'add-to-cart' | 'newsletter', page: Page): string[] {
    const rng = this.rng;
    const s = pageFields.slice();
    s[F_PP_XMIN] = s[F_PP_XMAX] = s[F_PP_YMIN] = s[F_PP_YMAX] = '';
    if (kind === 'video') {
      s[F_SE_CATEGORY] = 'video';
      s[F_SE_ACTION] = rng.pick(['play', 'pause', 'complete']);
      s[F_SE_LABEL] = 'product-demo';
      s[F_SE_VALUE] = String(rng.int(0, 1800) / 10);
    } else if (kind === 'add-to-cart') {
      const product = page.product ?? rng.pick(PRODUCTS);
      s[F_SE_CATEGORY] = 'ecommerce';
      s[F_SE_ACTION] = 'add-to-cart';
      s[F_SE_LABEL] = product.sku;
      s[F_SE_PROPERTY] = product.category;
      s[F_SE_VALUE] = money(product.priceCents);
    } else {
      s[F_SE_CATEGORY] = 'newsletter';
      s[F_SE_ACTION] = 'subscribe';
      s[F_SE_LABEL] = rng.chance(0.5) ? 'footer-form' : '';
    }
    return s;
  }

  private transaction(emit: SessionEmitter, pageFields: string[], cart: Product[]): void {
    const rng = this.rng;
    const city = emit.visitor.city;
    const rate = USD_RATE[city.currency];
    const items = cart.length ? cart : [rng.pick(PRODUCTS)];
    const quantities = items.map(() => (rng.chance(0.85) ? 1 : rng.int(2, 3)));
    const prices = items.map((p) => Math.round(p.priceCents * rate));
    const subtotal = prices.reduce((sum, p, i) => sum + p * quantities[i], 0);
    const tax = Math.round(subtotal * (city.country === 'US' ? 0.08 : 0.2));
    const shipping = subtotal > 10000 ? 0 : Math.round(499 * rate);
    const total = subtotal + tax + shipping;
    // An order is written whole or not at all when the visitor's event budget is nearly spent.
    if (emit.remaining < 1 + items.length) return;
    const orderId = `ORD-${this.orderNo++}`;
    const base = pageFields.slice();
    base[F_BASE_CURRENCY] = 'USD';
    const tr = base.slice();
    tr[F_TR_ORDERID] = orderId;
    tr[F_TR_AFFILIATION] = 'web-store';
    tr[F_TR_TOTAL] = money(total);
    tr[F_TR_TAX] = money(tax);
    tr[F_TR_SHIPPING] = money(shipping);
    tr[F_TR_CITY] = city.city;
    tr[F_TR_STATE] = city.regionName;
    tr[F_TR_COUNTRY] = city.country;
    tr[F_TR_CURRENCY] = city.currency;
    tr[F_TR_TOTAL_BASE] = money(total / rate);
    tr[F_TR_TAX_BASE] = money(tax / rate);
    tr[F_TR_SHIPPING_BASE] = money(shipping / rate);
    emit.at(emit.time + rng.int(500, 3000)).event('transaction', tr);
    items.forEach((product, i) => {
      const ti = base.slice();
      ti[F_TI_ORDERID] = orderId;
      ti[F_TI_SKU] = product.sku;
      ti[F_TI_NAME] = product.name;
      ti[F_TI_CATEGORY] = product.category;
      ti[F_TI_PRICE] = money(prices[i]);
      ti[F_TI_QUANTITY] = String(quantities[i]);
      ti[F_TI_CURRENCY] = city.currency;
      ti[F_TI_PRICE_BASE] = money(prices[i] / rate);
      emit.at(emit.time + rng.int(5, 80)).event('transaction_item', ti);
    });
  }

  /** Used by SessionEmitter: queue a finished line. */
  enqueue(time: number, line: string): void {
    this.pending.push({ time, seq: this.seq++, line });
  }

  get random(): Prng {
    return this.rng;
  }
}

function productPage(product: Product): Page {
  return { path: `/products/${product.slug}`, query: '', title: `${product.name} | Snowplow Shop`, product };
}

function blogPage(rng: Prng): Page {
  const post = rng.pick(BLOG_POSTS);
  return { path: `/blog/${post.slug}`, query: '', title: `${post.title} | Snowplow Shop blog` };
}

/** Writes one session's events, keeping the visitor's budget and the session clock. */
class SessionEmitter {
  count = 0;
  /** True time (ms) of the next event. */
  time: number;
  private readonly sendDelayMax: number;

  constructor(
    private readonly gen: SampleGenerator,
    readonly visitor: Visitor,
    private readonly session: string[],
    readonly sessionId: string,
  ) {
    this.time = visitor.time;
    this.sendDelayMax = visitor.mobile ? 30_000 : 1500;
  }

  get open(): boolean {
    return this.count < this.visitor.budget;
  }

  get remaining(): number {
    return this.visitor.budget - this.count;
  }

  /** Moves the session clock forward (never backwards). */
  at(time: number): this {
    this.time = Math.max(this.time + 1, Math.floor(time));
    return this;
  }

  base(): string[] {
    return this.session.slice();
  }

  pageFields(
    page: Page,
    url: string,
    previousUrl: string | null,
    referrer: Referrer | null,
    campaign: (typeof CAMPAIGNS)[number] | null,
  ): string[] {
    const rng = this.gen.random;
    const p = this.session.slice();
    p[F_PAGE_URL] = url;
    p[F_PAGE_TITLE] = page.title;
    p[F_PAGE_SCHEME] = 'https';
    p[F_PAGE_HOST] = SITE_HOST;
    p[F_PAGE_PORT] = '443';
    p[F_PAGE_PATH] = page.path;
    p[F_PAGE_QUERY] = page.query;
    if (previousUrl !== null) {
      const u = new URL(previousUrl);
      p[F_PAGE_REFERRER] = previousUrl;
      p[F_REFR_SCHEME] = 'https';
      p[F_REFR_HOST] = u.host;
      p[F_REFR_PORT] = '443';
      p[F_REFR_PATH] = u.pathname;
      p[F_REFR_QUERY] = u.search.slice(1);
      p[F_REFR_MEDIUM] = 'internal';
    } else if (referrer && referrer.host) {
      const query =
        referrer.medium === 'search' || referrer.medium === 'paid'
          ? rng.chance(0.1)
            ? `q=${encodeURIComponent(rng.pick(SEARCH_TERMS)).replace(/%20/g, '+')}`
            : ''
          : '';
      p[F_PAGE_REFERRER] = `https://${referrer.host}${referrer.path}${query ? '?' + query : ''}`;
      p[F_REFR_SCHEME] = 'https';
      p[F_REFR_HOST] = referrer.host;
      p[F_REFR_PORT] = '443';
      p[F_REFR_PATH] = referrer.path;
      p[F_REFR_QUERY] = query;
      p[F_REFR_MEDIUM] = referrer.medium === 'paid' ? 'search' : referrer.medium;
      p[F_REFR_SOURCE] = referrer.source ?? '';
      p[F_REFR_TERM] = query ? decodeURIComponent(query.slice(2).replace(/\+/g, ' ')) : '';
    }
    if (campaign) {
      p[F_MKT_MEDIUM] = campaign.medium;
      p[F_MKT_SOURCE] = campaign.source;
      p[F_MKT_CAMPAIGN] = campaign.campaign;
      p[F_MKT_CONTENT] = campaign.content ?? '';
      p[F_MKT_TERM] = campaign.term ?? '';
      if (campaign.medium === 'cpc') {
        p[F_MKT_CLICKID] = `EAIaIQob${rng.hex(24)}`;
        p[F_MKT_NETWORK] = 'Google';
      }
      const utm = `utm_source=${campaign.source}&utm_medium=${campaign.medium}&utm_campaign=${campaign.campaign}`;
      p[F_PAGE_QUERY] = page.query ? `${page.query}&${utm}` : utm;
      p[F_PAGE_URL] = `https://${SITE_HOST}${page.path}?${p[F_PAGE_QUERY]}`;
    }
    return p;
  }

  /** Stamps ids and timestamps on `fields` and queues the line at the session clock. */
  event(kind: EventKind, fields: string[]): void {
    if (!this.open) return;
    const rng = this.gen.random;
    const meta = EVENT_META[kind];
    const t = this.time;
    const created = t + this.visitor.clockSkewMs;
    const sendDelay = rng.int(0, this.sendDelayMax);
    const latency = rng.int(40, 400);
    const collector = t + sendDelay + latency;
    fields[F_EVENT] = meta.event;
    fields[F_EVENT_ID] = rng.uuid();
    if (fields[F_V_TRACKER] === 'js-2.17.2') fields[F_TXN_ID] = String(rng.int(100000, 999999));
    fields[F_DVCE_CREATED] = formatTimestampMs(created);
    fields[F_DVCE_SENT] = formatTimestampMs(created + sendDelay);
    fields[F_COLLECTOR_TSTAMP] = formatTimestampMs(collector);
    // Snowplow's derived_tstamp: collector time corrected by the device's send delay.
    fields[F_DERIVED_TSTAMP] = formatTimestampMs(t + latency);
    // Enrichment runs in hourly batches, as a batch pipeline does: every event collected in one hour
    // shares the etl_tstamp of the run that processed it (ten minutes past the next hour), so SQL
    // manifests see batches, not one timestamp per event.
    fields[F_ETL_TSTAMP] = formatTimestampMs(Math.floor(collector / HOUR) * HOUR + HOUR + 10 * MINUTE);
    fields[F_EVENT_VENDOR] = meta.vendor;
    fields[F_EVENT_NAME] = meta.name;
    fields[F_EVENT_FORMAT] = 'jsonschema';
    fields[F_EVENT_VERSION] = meta.version;
    fields[F_EVENT_FINGERPRINT] = rng.hex(32);
    this.gen.enqueue(t, fields.join('\t'));
    this.count++;
  }
}

/** Yields the sample events as enriched-event TSV lines (without line terminators). */
export function generateSampleEventLines(options: SampleOptions = {}): Generator<string> {
  return new SampleGenerator(options).lines();
}
