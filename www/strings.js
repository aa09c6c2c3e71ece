// The page's interface words, in English and Arabic: one table per language,
// keyed by message id, and the few functions that pick and fill them.
//
// A message is a string with {placeholders}, or, when it takes a count, an
// object with one string per plural category of its language
// (CLDR's rules: English one/other; Arabic zero, one, two, few, many,
// other), chosen by the `count` parameter. Numbers are filled in by
// num(). In the Arabic messages a name or an error that may be
// in Latin letters (a file name, a browser's message) is isolated
// (U+2068 … U+2069), so that its digits and punctuation stay with it
// in a right-to-left line. tests/js/strings.test.mjs checks that both tables have
// the same ids and placeholders and that every Arabic count message has
// the forms Arabic needs.
//
// The embeddable component (qawl-embed.js) says its few words (the card's
// summary, the who-said-what panel) from this table too, in the language of
// the site's page (its lang attribute) or else the browser's: tIn(lang, …)
// writes in a given language without the page's current one. The English
// names of the entity types come from labels.js's table (LABELS), so the page
// and the component never name a type differently.
import { LABELS } from './labels.js';

export const LANGS = ['en', 'ar'];

/** The English name of each entity type, as a legend heading and for one entity. */
const EN_TYPE_NAMES = Object.fromEntries(LABELS.flatMap((l) => [[`label.${l.id}`, l.name], [`type.${l.id}`, l.name]]));

export const STRINGS = {
  en: {
    'page.title': 'qawl · who is named, who said what',
    'page.description': 'qawl reads a news article in your browser and shows the people, places and organisations it names and who said what. Nothing leaves your machine.',
    'lang.label': 'Language',
    'lang.name.en': 'English',
    'lang.name.ar': 'العربية',
    skip: 'Skip to the article',
    brand: 'qawl',
    tagline: 'Who is named, who said what — read on your own machine, nothing is sent anywhere.',
    'views.label': 'Views',
    'tab.read': 'Read',
    'tab.compare': 'Compare',
    'source.label': 'Open an article',
    'source.sample': 'Sample',
    'source.choose': '— choose a sample article —',
    'source.file': 'Open a .txt or .html file…',
    'source.paste': 'Paste text',
    'source.dropHint': 'or drop a file anywhere',
    'paste.label': 'Article text (analysed as you type)',
    'paste.placeholder': 'Paste an article here',
    'paste.name': 'pasted text',
    'paste.what': 'The pasted text',
    'progress.label': 'Analysis progress',
    'legend.label': 'Show or hide highlights by type',
    'legend.title': 'Show or hide {type} highlights',
    'legend.quotes': 'quotations',
    'export.label': 'Export',
    'export.json': 'Export JSON',
    'export.csv': 'Quotations CSV',
    'article.label': 'Article with highlights',
    'article.help': 'Tab into the article, then use the arrow keys to move between highlighted names; Escape closes the card.',
    'panels.label': 'Analysis',
    'who.heading': 'Who said what',
    'who.empty': 'No quotations found.',
    'who.unknown': 'Speaker not identified',
    'entities.heading': 'Entities',
    'entities.empty': 'No names found.',
    'entities.spellings': 'Spellings',
    'entities.title': { one: '1 mention: show the next one in the text', other: '{count} mentions: show the next one in the text' },
    'entities.pos': '{i}/{n}',
    'entities.times': '{count}×',
    'entities.spelling': '{spelling} · {count}',
    count: '({count})',
    ...EN_TYPE_NAMES,
    'kind.direct': 'direct',
    'kind.partial': 'partial',
    'kind.indirect': 'indirect',
    'kind.term': 'term',
    'mark.label': '{text} ({type})',
    'mark.labelLinked': '{text} ({type}: {name})',
    'card.summary': { one: '{type} · 1 mention', other: '{type} · {count} mentions' },
    'card.spellings': 'Spellings:',
    'bytes.mib': '{n} MiB',
    'bytes.kb': '{n} KB',
    'status.loading': 'Loading qawl…',
    'status.analysing': 'Analysing {size} of text…',
    'status.done': '{name}: {mentions} of {names}, {quotes} ({ms}).',
    'status.doneNoNames': '{name}: {mentions} of {names}, {quotes} ({ms}).',
    'status.failed': 'Could not analyse {name}: {error}',
    'status.noText': '{name} has no article text qawl could find.',
    'status.unreadable': 'Could not read {name}: {error}',
    'status.tooLarge': '{what} is {size}; qawl reads at most {limit} of text. Open a shorter article.',
    'status.noSamples': 'Samples unavailable: {error}. Paste or open an article.',
    'status.ready': 'Ready: paste or open an article.',
    'n.mentions': { one: '1 mention', other: '{count} mentions' },
    'n.names': { one: '1 name', other: '{count} names' },
    'n.quotes': { one: '1 quotation', other: '{count} quotations' },
    'n.ms': '{count} ms',
    'compare.heading': 'Compare outlets',
    'compare.intro': "Load several reports of the same story and see each speaker's quotations side by side; near-identical quotations are grouped with their wording differences marked, and groups whose wording differs come first. Each outlet is named after its file; edit a name in the list to rename it.",
    'compare.samples': 'Load the five samples',
    'compare.files': 'Add files…',
    'compare.clear': 'Clear',
    'compare.csv': 'Quotations CSV (all)',
    'compare.list': 'Loaded articles',
    'compare.remove': 'Remove {name}',
    'compare.outletName': 'Outlet name for {name}',
    'compare.differences': 'Worded differently:',
    'compare.noDifferences': 'Worded the same everywhere.',
    'compare.changed': 'worded differently',
    'compare.repeated': { one: 'Repeated once in 1 outlet; differences marked', other: 'Repeated {count} times in 1 outlet; differences marked' },
    'compare.nearIdentical': { one: 'Near-identical in 1 outlet{extra}; differences marked', other: 'Near-identical in {count} outlets{extra}; differences marked' },
    'compare.extra': { one: ' (1 quotation)', other: ' ({count} quotations)' },
    'compare.loose': 'Carried differently or by one outlet',
    'compare.looseOne': 'Quotations',
    'compare.analysing': 'Analysing {name}…',
    'compare.failed': 'Could not analyse {name}: {error}',
    'compare.empty': 'No articles loaded yet.',
    'compare.compareFailed': 'Could not compare the articles: {error}',
    'compare.samplesFailed': 'Could not load the samples: {error}',
    'compare.hint': 'Load the samples or add files to compare.',
    'compare.status': '{articles}, {quotes}, {groups}.',
    'compare.articles': { one: '1 article', other: '{count} articles' },
    'compare.quotes': { one: '1 quotation', other: '{count} quotations' },
    'compare.groups': { one: '1 group of near-identical quotations', other: '{count} groups of near-identical quotations' },
    'drop.text': 'Drop a .txt or .html file to analyse it',
    footer: 'qawl runs entirely in this page (WebAssembly). It works offline after the first visit.',
  },
  ar: {
    'page.title': 'قول · من ذُكر ومن قال ماذا',
    'page.description': 'يقرأ قول المقال الإخباري في متصفحك، ويبيّن الأشخاص والأماكن والمنظمات التي يذكرها، ومن قال ماذا. لا يغادر جهازك شيء.',
    'lang.label': 'اللغة',
    'lang.name.en': 'English',
    'lang.name.ar': 'العربية',
    skip: 'انتقل إلى المقال',
    brand: 'قول',
    tagline: 'من ذُكر ومن قال ماذا — تُقرأ المقالات على جهازك، ولا يُرسَل منها شيء إلى أي مكان.',
    'views.label': 'طرق العرض',
    'tab.read': 'اقرأ',
    'tab.compare': 'قارِن',
    'source.label': 'افتح مقالاً',
    'source.sample': 'مقال نموذجي',
    'source.choose': '— اختر مقالاً نموذجياً —',
    'source.file': 'افتح ملفاً (txt أو html)…',
    'source.paste': 'الصق نصاً',
    'source.dropHint': 'أو اسحب ملفاً وأفلته في أي مكان',
    'paste.label': 'نص المقال (يُحلَّل أثناء الكتابة)',
    'paste.placeholder': 'الصق نص المقال هنا',
    'paste.name': 'النص الملصق',
    'paste.what': 'النص الملصق',
    'progress.label': 'تقدّم التحليل',
    'legend.label': 'إظهار التظليل أو إخفاؤه حسب النوع',
    'legend.title': 'إظهار تظليل هذا النوع أو إخفاؤه: {type}',
    'legend.quotes': 'اقتباسات',
    'export.label': 'تصدير',
    'export.json': 'تصدير JSON',
    'export.csv': 'الاقتباسات بصيغة CSV',
    'article.label': 'المقال مع تظليل الأسماء والاقتباسات',
    'article.help': 'انتقل إلى المقال بمفتاح Tab، ثم تنقّل بين الأسماء المظلَّلة بمفاتيح الأسهم؛ ويُغلق مفتاح Escape البطاقة.',
    'panels.label': 'التحليل',
    'who.heading': 'من قال ماذا',
    'who.empty': 'لم يُعثر على اقتباسات.',
    'who.unknown': 'متحدث غير محدَّد',
    'entities.heading': 'الأسماء',
    'entities.empty': 'لم يُعثر على أسماء.',
    'entities.spellings': 'صيغ الاسم',
    'entities.title': {
      zero: 'لم يرد في النص',
      one: 'ورد مرة واحدة: انتقل إلى موضعه في النص',
      two: 'ورد مرتين: انتقل إلى الموضع التالي في النص',
      few: 'ورد {count} مرات: انتقل إلى الموضع التالي في النص',
      many: 'ورد {count} مرةً: انتقل إلى الموضع التالي في النص',
      other: 'ورد {count} مرة: انتقل إلى الموضع التالي في النص',
    },
    'entities.pos': '{i}/{n}',
    'entities.times': '{count}×',
    'entities.spelling': '{spelling} · {count}',
    count: '({count})',
    'label.PER': 'أشخاص',
    'label.ORG': 'منظمات',
    'label.LOC': 'أماكن',
    'label.MISC': 'أسماء أخرى',
    'label.DATE': 'تواريخ',
    'type.PER': 'شخص',
    'type.ORG': 'منظمة',
    'type.LOC': 'مكان',
    'type.MISC': 'اسم آخر',
    'type.DATE': 'تاريخ',
    'kind.direct': 'مباشر',
    'kind.partial': 'جزئي',
    'kind.indirect': 'غير مباشر',
    'kind.term': 'مصطلح',
    'mark.label': '{text} ({type})',
    'mark.labelLinked': '{text} ({type}: {name})',
    'card.summary': {
      zero: '{type} · لم يرد في النص',
      one: '{type} · ورد مرة واحدة',
      two: '{type} · ورد مرتين',
      few: '{type} · ورد {count} مرات',
      many: '{type} · ورد {count} مرةً',
      other: '{type} · ورد {count} مرة',
    },
    'card.spellings': 'صيغ الاسم:',
    'bytes.mib': '{n} ميبيبايت',
    'bytes.kb': '{n} كيلوبايت',
    'status.loading': 'جارٍ تحميل قول…',
    'status.analysing': 'جارٍ تحليل {size} من النص…',
    'status.done': '\u2068{name}\u2069: {mentions} إلى {names}، و{quotes} ({ms}).',
    'status.doneNoNames': '\u2068{name}\u2069: لم يُعثر على أسماء، و{quotes} ({ms}).',
    'status.failed': 'تعذّر تحليل \u2068{name}\u2069: \u2068{error}\u2069',
    'status.noText': 'لم يجد قول نص مقال في \u2068{name}\u2069.',
    'status.unreadable': 'تعذّرت قراءة \u2068{name}\u2069: \u2068{error}\u2069',
    'status.tooLarge': 'حجم \u2068{what}\u2069 {size}، ولا يقرأ قول أكثر من {limit} من النص. افتح مقالاً أقصر.',
    'status.noSamples': 'المقالات النموذجية غير متاحة: \u2068{error}\u2069. الصق مقالاً أو افتح ملفاً.',
    'status.ready': 'جاهز: الصق مقالاً أو افتح ملفاً.',
    'n.mentions': {
      zero: 'لا إشارات',
      one: 'إشارة واحدة',
      two: 'إشارتان',
      few: '{count} إشارات',
      many: '{count} إشارةً',
      other: '{count} إشارة',
    },
    'n.names': {
      zero: 'لا أسماء',
      one: 'اسم واحد',
      two: 'اسمين',
      few: '{count} أسماء',
      many: '{count} اسمًا',
      other: '{count} اسم',
    },
    'n.quotes': {
      zero: 'لا اقتباسات',
      one: 'اقتباس واحد',
      two: 'اقتباسان',
      few: '{count} اقتباسات',
      many: '{count} اقتباسًا',
      other: '{count} اقتباس',
    },
    'n.ms': '{count} ملّي ثانية',
    'compare.heading': 'قارِن بين وسائل الإعلام',
    'compare.intro': 'حمّل عدة تقارير عن الخبر نفسه لترى اقتباسات كل متحدث جنباً إلى جنب؛ وتُجمع الاقتباسات شبه المتطابقة معاً وتُميَّز الفروق في صياغتها، وتأتي أولاً المجموعاتُ التي اختلفت صياغتها. تحمل كل وسيلة إعلام اسمَ ملفها، ويمكنك تعديل الاسم في القائمة.',
    'compare.samples': 'حمّل المقالات النموذجية الخمسة',
    'compare.files': 'أضف ملفات…',
    'compare.clear': 'امسح الكل',
    'compare.csv': 'كل الاقتباسات بصيغة CSV',
    'compare.list': 'المقالات المحمّلة',
    'compare.remove': 'أزِل {name}',
    'compare.outletName': 'اسم وسيلة الإعلام للملف \u2068{name}\u2069',
    'compare.differences': 'مواضع اختلاف الصياغة:',
    'compare.noDifferences': 'الصياغة واحدة في كل المواضع.',
    'compare.changed': 'صياغة مختلفة',
    'compare.repeated': {
      zero: 'لم يتكرر في وسيلة الإعلام',
      one: 'ورد مرة واحدة في وسيلة إعلام واحدة، والفروق مميَّزة',
      two: 'تكرّر مرتين في وسيلة إعلام واحدة، والفروق مميَّزة',
      few: 'تكرّر {count} مرات في وسيلة إعلام واحدة، والفروق مميَّزة',
      many: 'تكرّر {count} مرةً في وسيلة إعلام واحدة، والفروق مميَّزة',
      other: 'تكرّر {count} مرة في وسيلة إعلام واحدة، والفروق مميَّزة',
    },
    'compare.nearIdentical': {
      zero: 'شبه متطابقة{extra}، والفروق مميَّزة',
      one: 'شبه متطابقة في وسيلة إعلام واحدة{extra}، والفروق مميَّزة',
      two: 'شبه متطابقة في وسيلتَي إعلام{extra}، والفروق مميَّزة',
      few: 'شبه متطابقة في {count} وسائل إعلام{extra}، والفروق مميَّزة',
      many: 'شبه متطابقة في {count} وسيلةَ إعلام{extra}، والفروق مميَّزة',
      other: 'شبه متطابقة في {count} وسيلة إعلام{extra}، والفروق مميَّزة',
    },
    'compare.extra': {
      zero: ' (لا اقتباسات)',
      one: ' (اقتباس واحد)',
      two: ' (اقتباسان)',
      few: ' ({count} اقتباسات)',
      many: ' ({count} اقتباسًا)',
      other: ' ({count} اقتباس)',
    },
    'compare.loose': 'نُقلت بصياغات مختلفة أو في وسيلة إعلام واحدة',
    'compare.looseOne': 'الاقتباسات',
    'compare.analysing': 'جارٍ تحليل \u2068{name}\u2069…',
    'compare.failed': 'تعذّر تحليل \u2068{name}\u2069: \u2068{error}\u2069',
    'compare.empty': 'لم يُحمَّل أي مقال بعد.',
    'compare.compareFailed': 'تعذّرت المقارنة بين المقالات: \u2068{error}\u2069',
    'compare.samplesFailed': 'تعذّر تحميل المقالات النموذجية: \u2068{error}\u2069',
    'compare.hint': 'حمّل المقالات النموذجية أو أضف ملفات للمقارنة بينها.',
    'compare.status': '{articles}، و{quotes}، و{groups}.',
    'compare.articles': {
      zero: 'لا مقالات',
      one: 'مقال واحد',
      two: 'مقالان',
      few: '{count} مقالات',
      many: '{count} مقالًا',
      other: '{count} مقال',
    },
    'compare.quotes': {
      zero: 'لا اقتباسات',
      one: 'اقتباس واحد',
      two: 'اقتباسان',
      few: '{count} اقتباسات',
      many: '{count} اقتباسًا',
      other: '{count} اقتباس',
    },
    'compare.groups': {
      zero: 'لا مجموعات من الاقتباسات شبه المتطابقة',
      one: 'مجموعة واحدة من الاقتباسات شبه المتطابقة',
      two: 'مجموعتان من الاقتباسات شبه المتطابقة',
      few: '{count} مجموعات من الاقتباسات شبه المتطابقة',
      many: '{count} مجموعةً من الاقتباسات شبه المتطابقة',
      other: '{count} مجموعة من الاقتباسات شبه المتطابقة',
    },
    'drop.text': 'أفلت ملف txt أو html لتحليله',
    footer: 'يعمل قول كله داخل هذه الصفحة (WebAssembly)، ويعمل دون اتصال بعد الزيارة الأولى.',
  },
};

/** The direction of each language's interface. */
export const DIRS = { en: 'ltr', ar: 'rtl' };

/**
 * The interface language for the browser's `languages` (navigator.languages):
 * Arabic when an Arabic tag (ar, ar-EG, …) comes before any English one,
 * else English.
 */
export function browserLang(languages) {
  for (const tag of languages || []) {
    const base = String(tag).toLowerCase().split(/[-_]/)[0];
    if (base === 'ar' || base === 'en') return base;
  }
  return 'en';
}

const STORE_KEY = 'qawl-lang';

/** The language the reader chose last, or null (none, or storage blocked). */
export function storedLang() {
  try {
    const v = globalThis.localStorage?.getItem(STORE_KEY);
    return LANGS.includes(v) ? v : null;
  } catch {
    return null;
  }
}

/** Remembers the reader's choice; a blocked storage only forgets it. */
export function storeLang(lang) {
  try {
    globalThis.localStorage?.setItem(STORE_KEY, lang);
  } catch {
    // Storage refused (private mode, a sandboxed frame): the choice lasts this visit.
  }
}

let current = 'en';
const numbers = new Map();

/** The interface language now: 'en' or 'ar'. */
export function lang() {
  return current;
}

/** Makes `l` the language t() writes in ('en' when `l` is not one of LANGS). */
export function useLang(l) {
  current = LANGS.includes(l) ? l : 'en';
  return current;
}

// Numbers and plural categories are written here, not by Intl: a
// renderer's first Intl.NumberFormat or Intl.PluralRules loads ICU's
// locale data, 13-37 ms on the main thread in a fresh context, and the
// legend's counts drawn with the first highlights paid it (README,
// "Performance"). Both languages write Western digits grouped by commas
// (Chromium's and Node's Intl do, for 'ar' as for 'en'), and their plural
// rules are CLDR's. tests/js/strings.test.mjs checks both against Intl.

/** The minus sign: in Arabic text a left-to-right mark keeps it before the digits. */
const MINUS = { ar: '\u200e-', en: '-' };

/** Intl.NumberFormat's default for the most digits after the point. */
const MAX_FRACTION_DIGITS = 3;

/**
 * `n` written as the interface language (or `l`) writes numbers; `options`
 * may set maximumFractionDigits (rounded half away from zero, as Intl does).
 */
export function num(n, options, l = current) {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return intlNumber(n, options, l);
  const digits = options?.maximumFractionDigits ?? MAX_FRACTION_DIGITS;
  const [int, frac] = roundDecimal(Math.abs(n), digits);
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, ',');
  const sign = n < 0 || Object.is(n, -0) ? MINUS[l] ?? '-' : '';
  return sign + grouped + (frac ? `.${frac}` : '');
}

/**
 * The decimal digits of `x` (≥ 0, < 1e21) rounded to `digits` after the
 * point, as [integer part, fraction without trailing zeros]. It rounds the
 * shortest decimal that reads back as `x` (String(x)), as Intl does, so
 * 1.05 rounds to 1.1 though the double is a little under 1.05.
 */
function roundDecimal(x, digits) {
  const [mantissa, exp] = String(x).split('e');
  let [int, frac = ''] = mantissa.split('.');
  if (exp) {
    // A small number written 1.5e-7: shift the point left.
    const shift = -Number(exp);
    frac = '0'.repeat(shift - int.length) + int + frac;
    int = '0';
  }
  if (frac.length > digits) {
    const up = frac.charCodeAt(digits) >= 53; // '5'
    let kept = int + frac.slice(0, digits);
    if (up) kept = addOne(kept);
    int = kept.slice(0, kept.length - digits) || '0';
    frac = kept.slice(kept.length - digits);
  }
  return [int, frac.replace(/0+$/, '')];
}

/** A string of decimal digits plus one. */
function addOne(ds) {
  const out = ds.split('');
  let i = out.length - 1;
  while (i >= 0 && out[i] === '9') out[i--] = '0';
  if (i < 0) return '1' + out.join('');
  out[i] = String(Number(out[i]) + 1);
  return out.join('');
}

/** What num() cannot write by hand (infinities, NaN, 1e21 and over): Intl's. */
function intlNumber(n, options, l) {
  const key = `${l}|${options ? JSON.stringify(options) : ''}`;
  if (!numbers.has(key)) numbers.set(key, new Intl.NumberFormat(l, options));
  return numbers.get(key).format(n);
}

/** The plural category of `n` in language `l`: CLDR's rules, as Intl.PluralRules gives them. */
export function pluralCategory(n, l = current) {
  const whole = Number.isInteger(n);
  if (l === 'ar') {
    if (!whole) return 'other';
    const n100 = Math.abs(n) % 100;
    if (n === 0) return 'zero';
    if (n === 1) return 'one';
    if (n === 2) return 'two';
    if (n100 >= 3 && n100 <= 10) return 'few';
    if (n100 >= 11 && n100 <= 99) return 'many';
    return 'other';
  }
  return whole && n === 1 ? 'one' : 'other';
}

/**
 * Message `id` in the interface language, its {placeholders} filled from
 * `params` (numbers through num()). A message with plural forms
 * takes the one for `params.count`. An unknown id comes back as itself.
 */
export function t(id, params = {}) {
  return tIn(current, id, params);
}

/** Message `id` in language `l` ('en' when `l` is not one of LANGS), as t() writes it. */
export function tIn(l, id, params = {}) {
  const lg = LANGS.includes(l) ? l : 'en';
  let msg = STRINGS[lg][id] ?? STRINGS.en[id] ?? id;
  if (typeof msg === 'object') msg = msg[pluralCategory(params.count ?? 0, lg)] ?? msg.other;
  return msg.replace(/\{(\w+)\}/g, (whole, k) => {
    const v = params[k];
    if (v == null) return whole;
    return typeof v === 'number' ? num(v, undefined, lg) : String(v);
  });
}

/**
 * The interface language for a component inside `node`: the nearest lang
 * attribute's (the site's page, `<html lang="ar">`) when it is one of
 * LANGS, else the browser's (navigator.languages), as the page chooses.
 */
export function langFor(node) {
  const tag = node?.closest?.('[lang]')?.getAttribute('lang') ?? '';
  const base = tag.toLowerCase().split(/[-_]/)[0];
  return LANGS.includes(base) ? base : browserLang(globalThis.navigator?.languages);
}

/** The quotation kinds the interface names ('direct', …). */
const KINDS = ['direct', 'partial', 'indirect', 'term'];

/** A quotation kind's badge word in the interface language (or `l`); an unknown kind as it is. */
export function kindName(kind, l = current) {
  return KINDS.includes(kind) ? tIn(l, `kind.${kind}`) : kind;
}
