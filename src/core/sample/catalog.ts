// Fixed reference data the sample generator draws from: a small web shop, where its visitors come
// from, what they browse with and where they live. Plain data, no logic.

export const SITE_HOST = 'www.snowplow-shop.example';

export interface City {
  country: string;
  region: string;
  regionName: string;
  city: string;
  zipcode: string | null;
  lat: number;
  lon: number;
  timezone: string;
  currency: 'USD' | 'GBP' | 'EUR' | 'CAD' | 'AUD';
  lang: string;
  weight: number;
}

export const CITIES: readonly City[] = [
  {
    country: 'US',
    region: 'NY',
    regionName: 'New York',
    city: 'New York',
    zipcode: '10001',
    lat: 40.7128,
    lon: -74.006,
    timezone: 'America/New_York',
    currency: 'USD',
    lang: 'en-US',
    weight: 14,
  },
  {
    country: 'US',
    region: 'CA',
    regionName: 'California',
    city: 'San Francisco',
    zipcode: '94109',
    lat: 37.7749,
    lon: -122.4194,
    timezone: 'America/Los_Angeles',
    currency: 'USD',
    lang: 'en-US',
    weight: 10,
  },
  {
    country: 'US',
    region: 'TX',
    regionName: 'Texas',
    city: 'Austin',
    zipcode: '73301',
    lat: 30.2672,
    lon: -97.7431,
    timezone: 'America/Chicago',
    currency: 'USD',
    lang: 'en-US',
    weight: 6,
  },
  {
    country: 'US',
    region: 'IL',
    regionName: 'Illinois',
    city: 'Chicago',
    zipcode: '60601',
    lat: 41.8781,
    lon: -87.6298,
    timezone: 'America/Chicago',
    currency: 'USD',
    lang: 'en-US',
    weight: 7,
  },
  {
    country: 'US',
    region: 'WA',
    regionName: 'Washington',
    city: 'Seattle',
    zipcode: '98101',
    lat: 47.6062,
    lon: -122.3321,
    timezone: 'America/Los_Angeles',
    currency: 'USD',
    lang: 'en-US',
    weight: 5,
  },
  {
    country: 'GB',
    region: 'ENG',
    regionName: 'England',
    city: 'London',
    zipcode: 'EC1A',
    lat: 51.5074,
    lon: -0.1278,
    timezone: 'Europe/London',
    currency: 'GBP',
    lang: 'en-GB',
    weight: 12,
  },
  {
    country: 'GB',
    region: 'ENG',
    regionName: 'England',
    city: 'Manchester',
    zipcode: 'M1',
    lat: 53.4808,
    lon: -2.2426,
    timezone: 'Europe/London',
    currency: 'GBP',
    lang: 'en-GB',
    weight: 4,
  },
  {
    country: 'GB',
    region: 'SCT',
    regionName: 'Scotland',
    city: 'Edinburgh',
    zipcode: 'EH1',
    lat: 55.9533,
    lon: -3.1883,
    timezone: 'Europe/London',
    currency: 'GBP',
    lang: 'en-GB',
    weight: 2,
  },
  {
    country: 'DE',
    region: 'BE',
    regionName: 'Land Berlin',
    city: 'Berlin',
    zipcode: '10115',
    lat: 52.52,
    lon: 13.405,
    timezone: 'Europe/Berlin',
    currency: 'EUR',
    lang: 'de-DE',
    weight: 6,
  },
  {
    country: 'DE',
    region: 'BY',
    regionName: 'Bavaria',
    city: 'Munich',
    zipcode: '80331',
    lat: 48.1351,
    lon: 11.582,
    timezone: 'Europe/Berlin',
    currency: 'EUR',
    lang: 'de-DE',
    weight: 4,
  },
  {
    country: 'FR',
    region: 'IDF',
    regionName: 'Ile-de-France',
    city: 'Paris',
    zipcode: '75001',
    lat: 48.8566,
    lon: 2.3522,
    timezone: 'Europe/Paris',
    currency: 'EUR',
    lang: 'fr-FR',
    weight: 6,
  },
  {
    country: 'NL',
    region: 'NH',
    regionName: 'North Holland',
    city: 'Amsterdam',
    zipcode: '1012',
    lat: 52.3676,
    lon: 4.9041,
    timezone: 'Europe/Amsterdam',
    currency: 'EUR',
    lang: 'nl-NL',
    weight: 3,
  },
  {
    country: 'ES',
    region: 'MD',
    regionName: 'Madrid',
    city: 'Madrid',
    zipcode: '28001',
    lat: 40.4168,
    lon: -3.7038,
    timezone: 'Europe/Madrid',
    currency: 'EUR',
    lang: 'es-ES',
    weight: 3,
  },
  {
    country: 'CA',
    region: 'ON',
    regionName: 'Ontario',
    city: 'Toronto',
    zipcode: 'M5H',
    lat: 43.6532,
    lon: -79.3832,
    timezone: 'America/Toronto',
    currency: 'CAD',
    lang: 'en-CA',
    weight: 5,
  },
  {
    country: 'AU',
    region: 'NSW',
    regionName: 'New South Wales',
    city: 'Sydney',
    zipcode: '2000',
    lat: -33.8688,
    lon: 151.2093,
    timezone: 'Australia/Sydney',
    currency: 'AUD',
    lang: 'en-AU',
    weight: 4,
  },
  {
    country: 'IE',
    region: 'L',
    regionName: 'Leinster',
    city: 'Dublin',
    zipcode: null,
    lat: 53.3498,
    lon: -6.2603,
    timezone: 'Europe/Dublin',
    currency: 'EUR',
    lang: 'en-IE',
    weight: 2,
  },
  // Geolocation does not always resolve a city.
  {
    country: 'US',
    region: '',
    regionName: '',
    city: '',
    zipcode: null,
    lat: 37.751,
    lon: -97.822,
    timezone: 'America/Chicago',
    currency: 'USD',
    lang: 'en-US',
    weight: 3,
  },
];

/** Units of the currency per US dollar, for the `*_base` amounts (base currency USD). */
export const USD_RATE: Record<City['currency'], number> = { USD: 1, GBP: 0.79, EUR: 0.92, CAD: 1.36, AUD: 1.52 };

export interface Device {
  useragent: string;
  brName: string;
  brFamily: string;
  brVersion: string;
  brType: string;
  brRenderEngine: string;
  osName: string;
  osFamily: string;
  osManufacturer: string;
  dvceType: string;
  mobile: boolean;
  screens: readonly [number, number][];
  weight: number;
}

export const DEVICES: readonly Device[] = [
  {
    useragent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
    brName: 'Chrome 125',
    brFamily: 'Chrome',
    brVersion: '125.0.0.0',
    brType: 'Browser',
    brRenderEngine: 'WEBKIT',
    osName: 'Windows 10',
    osFamily: 'Windows',
    osManufacturer: 'Microsoft Corporation',
    dvceType: 'Computer',
    mobile: false,
    screens: [
      [1920, 1080],
      [1536, 864],
      [2560, 1440],
    ],
    weight: 30,
  },
  {
    useragent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    brName: 'Safari 17',
    brFamily: 'Safari',
    brVersion: '17.5',
    brType: 'Browser',
    brRenderEngine: 'WEBKIT',
    osName: 'Mac OS X',
    osFamily: 'Mac OS X',
    osManufacturer: 'Apple Inc.',
    dvceType: 'Computer',
    mobile: false,
    screens: [
      [1440, 900],
      [1728, 1117],
      [2560, 1600],
    ],
    weight: 12,
  },
  {
    useragent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0',
    brName: 'Firefox 126',
    brFamily: 'Firefox',
    brVersion: '126.0',
    brType: 'Browser',
    brRenderEngine: 'GECKO',
    osName: 'Windows 10',
    osFamily: 'Windows',
    osManufacturer: 'Microsoft Corporation',
    dvceType: 'Computer',
    mobile: false,
    screens: [
      [1920, 1080],
      [1366, 768],
    ],
    weight: 7,
  },
  {
    useragent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67',
    brName: 'Microsoft Edge 125',
    brFamily: 'Edge',
    brVersion: '125.0.2535.67',
    brType: 'Browser',
    brRenderEngine: 'WEBKIT',
    osName: 'Windows 10',
    osFamily: 'Windows',
    osManufacturer: 'Microsoft Corporation',
    dvceType: 'Computer',
    mobile: false,
    screens: [
      [1920, 1080],
      [1280, 720],
    ],
    weight: 6,
  },
  {
    useragent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    brName: 'Mobile Safari',
    brFamily: 'Safari',
    brVersion: '17.5',
    brType: 'Browser (mobile)',
    brRenderEngine: 'WEBKIT',
    osName: 'iOS 17 (iPhone)',
    osFamily: 'iOS',
    osManufacturer: 'Apple Inc.',
    dvceType: 'Mobile',
    mobile: true,
    screens: [
      [390, 844],
      [430, 932],
      [375, 667],
    ],
    weight: 22,
  },
  {
    useragent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.113 Mobile Safari/537.36',
    brName: 'Chrome Mobile',
    brFamily: 'Chrome',
    brVersion: '125.0.6422.113',
    brType: 'Browser (mobile)',
    brRenderEngine: 'WEBKIT',
    osName: 'Android 14',
    osFamily: 'Android',
    osManufacturer: 'Google Inc.',
    dvceType: 'Mobile',
    mobile: true,
    screens: [
      [412, 915],
      [384, 854],
    ],
    weight: 14,
  },
  {
    useragent:
      'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    brName: 'Mobile Safari',
    brFamily: 'Safari',
    brVersion: '17.5',
    brType: 'Browser (mobile)',
    brRenderEngine: 'WEBKIT',
    osName: 'iOS 17 (iPad)',
    osFamily: 'iOS',
    osManufacturer: 'Apple Inc.',
    dvceType: 'Tablet',
    mobile: true,
    screens: [
      [820, 1180],
      [1024, 1366],
    ],
    weight: 5,
  },
  {
    useragent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    brName: 'Chrome 124',
    brFamily: 'Chrome',
    brVersion: '124.0.0.0',
    brType: 'Browser',
    brRenderEngine: 'WEBKIT',
    osName: 'Linux',
    osFamily: 'Linux',
    osManufacturer: 'Other',
    dvceType: 'Computer',
    mobile: false,
    screens: [
      [1920, 1080],
      [3840, 2160],
    ],
    weight: 4,
  },
];

export interface Referrer {
  medium: 'search' | 'social' | 'unknown' | 'email' | 'paid' | 'direct';
  source: string | null;
  host: string | null;
  path: string;
  weight: number;
}

export const LANDING_REFERRERS: readonly Referrer[] = [
  { medium: 'direct', source: null, host: null, path: '', weight: 26 },
  { medium: 'search', source: 'Google', host: 'www.google.com', path: '/', weight: 30 },
  { medium: 'search', source: 'Bing', host: 'www.bing.com', path: '/search', weight: 5 },
  { medium: 'search', source: 'DuckDuckGo', host: 'duckduckgo.com', path: '/', weight: 3 },
  { medium: 'social', source: 'Facebook', host: 'l.facebook.com', path: '/l.php', weight: 7 },
  { medium: 'social', source: 'Twitter', host: 't.co', path: '/x1y2z3', weight: 3 },
  { medium: 'social', source: 'LinkedIn', host: 'www.linkedin.com', path: '/feed/', weight: 2 },
  { medium: 'unknown', source: null, host: 'blog.example-reviews.net', path: '/best-gear-2024', weight: 4 },
  { medium: 'email', source: null, host: null, path: '', weight: 8 },
  { medium: 'paid', source: 'Google', host: 'www.google.com', path: '/', weight: 12 },
];

export interface Product {
  sku: string;
  name: string;
  category: string;
  /** Price in US cents; converted to the visitor's currency. */
  priceCents: number;
  slug: string;
}

export const PRODUCTS: readonly Product[] = [
  { sku: 'SKU-1001', name: 'Trail Running Shoes', category: 'Footwear', priceCents: 12900, slug: 'trail-running-shoes' },
  { sku: 'SKU-1002', name: 'Waterproof Jacket', category: 'Outerwear', priceCents: 18950, slug: 'waterproof-jacket' },
  { sku: 'SKU-1003', name: 'Merino Base Layer', category: 'Apparel', priceCents: 6500, slug: 'merino-base-layer' },
  { sku: 'SKU-1004', name: 'Hydration Pack 12L', category: 'Accessories', priceCents: 8999, slug: 'hydration-pack-12l' },
  { sku: 'SKU-1005', name: 'Trekking Poles', category: 'Accessories', priceCents: 7450, slug: 'trekking-poles' },
  { sku: 'SKU-1006', name: 'Wool Socks (3 pack)', category: 'Apparel', priceCents: 2400, slug: 'wool-socks-3-pack' },
  { sku: 'SKU-1007', name: 'Headlamp 400lm', category: 'Accessories', priceCents: 3999, slug: 'headlamp-400lm' },
  { sku: 'SKU-1008', name: 'Down Sleeping Bag', category: 'Camping', priceCents: 32900, slug: 'down-sleeping-bag' },
  { sku: 'SKU-1009', name: 'Ultralight Tent 2P', category: 'Camping', priceCents: 44900, slug: 'ultralight-tent-2p' },
  { sku: 'SKU-1010', name: 'Camp Stove', category: 'Camping', priceCents: 5499, slug: 'camp-stove' },
];

export const BLOG_POSTS: readonly { slug: string; title: string }[] = [
  { slug: 'how-to-choose-trail-shoes', title: 'How to choose trail shoes' },
  { slug: 'layering-for-winter-hikes', title: 'Layering for winter hikes' },
  { slug: 'ten-day-hikes-near-you', title: 'Ten day hikes near you' },
  { slug: 'leave-no-trace', title: 'Leave no trace: a primer' },
];

export const SEARCH_TERMS: readonly string[] = ['tent', 'rain jacket', 'socks', 'headlamp', 'sleeping bag', 'running shoes'];

export const CAMPAIGNS: readonly { medium: string; source: string; campaign: string; content: string | null; term: string | null }[] = [
  { medium: 'email', source: 'newsletter', campaign: 'june_newsletter', content: 'hero_banner', term: null },
  { medium: 'email', source: 'newsletter', campaign: 'abandoned_cart', content: null, term: null },
  { medium: 'cpc', source: 'google', campaign: 'summer_sale', content: 'ad_variant_b', term: 'hiking gear' },
  { medium: 'cpc', source: 'google', campaign: 'brand', content: null, term: 'snowplow shop' },
];
