// The component highlights a site's article in place and unhighlight gives
// the original DOM back, exactly; links, formatting and handlers survive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, useBrowserAndServer, watchRequests, watchProblems, screenshotPath } from './helpers.mjs';

const skip = skipReason() || false;
const env = useBrowserAndServer(skip);

/** Every entity's mark pieces, joined, against the analysed text (whitespace folded). */
function checkMarks(page, selector) {
  return page.evaluate(async (sel) => {
    const { analysisOf } = await import('/qawl-embed.js');
    const root = document.querySelector(sel);
    const analysis = analysisOf(root);
    const pieces = new Map();
    for (const m of root.querySelectorAll('mark.qawl-mark')) {
      const i = Number(m.dataset.qawlEntity);
      pieces.set(i, (pieces.get(i) || '') + m.textContent);
    }
    const bad = [];
    analysis.entities.forEach((e, i) => {
      const got = (pieces.get(i) || '').replace(/\s/g, ' ');
      if (got !== e.text.replace(/\s/g, ' ')) bad.push({ i, want: e.text, got });
    });
    const forbidden = root.querySelectorAll(
      'script mark, style mark, code mark, pre mark, textarea mark, select mark, button mark, script .qawl-quote, code .qawl-quote',
    ).length;
    return { entities: analysis.entities.length, marked: pieces.size, bad, forbidden };
  }, selector);
}

test('the example page is highlighted in place and restored exactly', { skip }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  const requests = watchRequests(context, new URL(env.server.url).origin);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${env.server.url}embed-example.html`);
  await page.waitForFunction(() => document.querySelector('qawl-article')?.analysis, null, { timeout: 20000 });

  const marks = await checkMarks(page, 'qawl-article');
  assert.deepEqual(marks.bad, []);
  assert.equal(marks.marked, marks.entities);
  assert.equal(marks.forbidden, 0, 'nothing is marked inside script, code, pre, button…');

  // Screenshot for the README, with the card of the first name shown.
  const first = page.locator('mark.qawl-mark').first();
  if (await first.count()) await first.hover();
  await page.screenshot({ path: screenshotPath('screenshot-embed.png') });

  // The original markup, parsed by the same parser from the same source.
  const result = await page.evaluate(async () => {
    const src = await (await fetch(location.href)).text();
    const original = new DOMParser().parseFromString(src, 'text/html').querySelector('qawl-article').outerHTML;
    const el = document.querySelector('qawl-article');
    const share = document.getElementById('share');
    el.unhighlight();
    const after = el.outerHTML;
    const noMarks = el.querySelectorAll('mark.qawl-mark, .qawl-quote').length === 0 && !document.querySelector('qawl-card');
    // Highlight again: the very same text nodes come back afterwards.
    const p = el.querySelector('.story p:nth-of-type(4)');
    const nodesBefore = [...p.childNodes];
    await el.highlight();
    const highlightedAgain = el.querySelectorAll('mark.qawl-mark').length;
    el.unhighlight();
    const sameNodes = nodesBefore.length === p.childNodes.length && nodesBefore.every((n, i) => n === p.childNodes[i]);
    return { original, after, noMarks, highlightedAgain, sameNodes, shareSame: share === document.getElementById('share') };
  });
  assert.equal(result.after, result.original, 'unhighlight restores the original DOM exactly');
  assert.ok(result.noMarks);
  assert.ok(result.sameNodes, 'the original text nodes themselves are put back');
  assert.ok(result.shareSame);
  // The site's handlers and links work on the highlighted DOM, and after.
  await page.evaluate(() => document.querySelector('qawl-article').highlight());
  assert.ok((await page.locator('mark.qawl-mark').count()) > 0 || marks.entities === 0);
  await page.click('#share');
  assert.equal(await page.textContent('#share-count'), '1');
  await page.click('#related');
  assert.equal(await page.getAttribute('#related', 'data-clicked'), '1');
  assert.equal(await page.evaluate(() => location.hash), '', 'the related link handler still prevents navigation');

  // The handlers still work after the round trip.
  await page.evaluate(() => document.querySelector('qawl-article').unhighlight());
  await page.click('#share');
  assert.equal(await page.textContent('#share-count'), '2');
  requests.check();
  assert.deepEqual(problems, []);
  await context.close();
});

test('highlight() keeps links, formatting and handlers, skips code, and unhighlight restores outerHTML', { skip }, async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}embed-example.html`);
  await page.waitForFunction(() => document.querySelector('qawl-article')?.analysis, null, { timeout: 20000 });
  const r = await page.evaluate(async () => {
    const { highlight, unhighlight } = await import('/qawl-embed.js');
    const box = document.createElement('section');
    // Invented sentences, with dates across inline elements and text in places qawl must skip.
    box.innerHTML = [
      '<h2>تقرير <i>قصير</i></h2>',
      '<p>اجتمع المجلس البلدي يوم <b>الخميس</b> 3 <a href="#m" class="lnk">أيار/مايو</a> 2023 في قاعة المدينة.</p>',
      '<p>وقال رئيس المجلس: "سنعلن الميزانية في <span>شهر</span> حزيران/يونيو".</p>',
      '<pre>يوم الجمعة 5 أيار/مايو 2023</pre><code>السبت 6 أيار/مايو 2023</code>',
      '<script type="text/plain">الأحد 7 أيار/مايو 2023</script><textarea>الاثنين 8 أيار/مايو 2023</textarea>',
      '<p>The board met on <em>Monday</em>, 4 March 2024, in Leeds.</p>',
    ].join('\n');
    document.body.append(box);
    let clicks = 0;
    box.querySelector('.lnk').addEventListener('click', (e) => {
      e.preventDefault();
      clicks++;
    });
    const before = box.outerHTML;
    const res = await highlight(box, { quotes: true });
    const marked = box.outerHTML;
    box.querySelector('.lnk').click();
    const linkStillLink = box.querySelector('a.lnk')?.getAttribute('href') === '#m';
    const inSkipped = box.querySelectorAll('pre mark, code mark, script mark, textarea mark, pre .qawl-quote').length;
    const pieces = new Map();
    for (const m of box.querySelectorAll('mark.qawl-mark')) {
      pieces.set(m.dataset.qawlEntity, (pieces.get(m.dataset.qawlEntity) || '') + m.textContent);
    }
    const faithful = res.analysis.entities.every((e, i) => (pieces.get(String(i)) || '').replace(/\s/g, ' ') === e.text.replace(/\s/g, ' '));
    const skippedTextAbsent = !/الجمعة|السبت|الأحد|الاثنين/.test(res.text);
    unhighlight(box);
    const after = box.outerHTML;
    box.remove();
    return { before, after, changed: marked !== before, marks: res.marks, clicks, linkStillLink, inSkipped, faithful, skippedTextAbsent };
  });
  assert.equal(r.after, r.before);
  assert.equal(r.clicks, 1);
  assert.ok(r.linkStillLink);
  assert.equal(r.inSkipped, 0);
  assert.ok(r.faithful, 'each entity is marked with exactly its text');
  assert.ok(r.skippedTextAbsent, 'text in pre, code, script and textarea is not even read');
  assert.equal(r.changed, r.marks > 0);
  await context.close();
});

test('the panel and the card read in the article text\'s direction, whatever the site\'s', { skip }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.server.url}embed-example.html`);
  await page.waitForFunction(() => document.querySelector('qawl-article')?.analysis, null, { timeout: 20000 });
  // An Arabic article on a left-to-right site, an English one on a right-to-left site.
  const cases = [
    { id: 'ar-on-ltr', site: 'ltr', dir: 'rtl', text: 'قال الرئيس الروسي فلاديمير بوتين في موسكو يوم الأحد: "نحن مستعدون للحوار".' },
    { id: 'en-on-rtl', site: 'rtl', dir: 'ltr', text: 'President John Smith spoke in London on Monday. "We are ready to talk," Smith said.' },
  ];
  for (const c of cases) {
    await page.evaluate(({ id, site, text }) => {
      const box = document.createElement('div');
      box.dir = site;
      box.style.cssText = 'display: block; width: 40rem; max-width: 100%;';
      box.id = id;
      const article = document.createElement('qawl-article');
      article.setAttribute('quotes', '');
      article.setAttribute('panel', '');
      const p = document.createElement('p');
      p.textContent = text;
      article.append(p);
      box.append(article);
      document.body.prepend(box);
    }, c);
    await page.waitForFunction((id) => document.querySelector(`#${id} qawl-article`)?.shadowRoot?.querySelector('aside button'), c.id, { timeout: 20000 });
    const seen = await page.evaluate((id) => {
      const root = document.querySelector(`#${id} qawl-article`).shadowRoot;
      root.querySelector('details').open = true;
      const b = root.querySelector('aside button');
      // The row of the list, and the quotation's text (its kind badge included) in it.
      const r = b.closest('li').getBoundingClientRect();
      const s = getComputedStyle(b);
      const range = document.createRange();
      range.selectNodeContents(b);
      const t = range.getBoundingClientRect();
      const pad = s.direction === 'rtl' ? parseFloat(s.paddingRight) : parseFloat(s.paddingLeft);
      return {
        dir: s.direction,
        start: (s.direction === 'rtl' ? r.right - t.right : t.left - r.left) - pad,
        end: s.direction === 'rtl' ? t.left - r.left : r.right - t.right,
      };
    }, c.id);
    assert.equal(seen.dir, c.dir, `${c.id}: the quotation reads in its direction`);
    assert.ok(seen.start <= 2 && seen.end > 40, `${c.id}: the quotation sits against its start edge: ${JSON.stringify(seen)}`);
    await page.hover(`#${c.id} mark.qawl-mark[data-qawl-label="PER"]`);
    await page.waitForFunction(() => [...document.querySelectorAll('qawl-card')].some((h) => !h.hidden));
    const card = await page.evaluate(() => getComputedStyle([...document.querySelectorAll('qawl-card')].find((h) => !h.hidden)).direction);
    assert.equal(card, c.dir, `${c.id}: the card reads in its name's direction`);
    await page.mouse.move(0, 0);
  }
  await context.close();
});

test('a live article: what the site adds or updates is highlighted, and its nodes stay where it put them', { skip }, async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${env.server.url}embed-example.html`);
  await page.waitForFunction(() => document.querySelector('qawl-article')?.analysis, null, { timeout: 20000 });
  const r = await page.evaluate(async () => {
    const article = document.createElement('qawl-article');
    article.setAttribute('quotes', '');
    article.setAttribute('panel', '');
    article.setAttribute('focusable', '');
    // The site's own markup: it keeps the text node of its live ticker and updates it.
    const first = document.createElement('p');
    first.textContent = 'افتتح وزير المياه سامي الخطيب في عمّان يوم الثلاثاء مؤتمرا إقليميا.';
    const ticker = document.createElement('p');
    const tickerText = document.createTextNode('آخر تحديث: لا جديد.');
    ticker.append(tickerText);
    const last = document.createElement('p');
    last.textContent = 'ومن المقرر أن يصدر المؤتمر بيانا ختاميا يوم الخميس.';
    article.append(first, ticker, last);
    document.body.prepend(article);
    const highlighted = () => new Promise((resolve) => article.addEventListener('qawl-highlighted', resolve, { once: true }));
    const timeout = (ms) => new Promise((resolve) => setTimeout(() => resolve('timeout'), ms));
    await Promise.race([highlighted(), timeout(10000)]);
    const quotesAtFirst = article.querySelectorAll('.qawl-quote').length;

    // 1. The site appends a paragraph with a quotation, between two of its own.
    const added = document.createElement('p');
    const addedText = document.createTextNode('وقال الخطيب في كلمته إن "المنطقة تخسر كل عام كميات كبيرة من المياه".');
    added.append(addedText);
    article.insertBefore(added, last);
    const appended = await Promise.race([highlighted(), timeout(3000)]);
    const addedQuote = added.querySelector('.qawl-quote')?.textContent ?? '';
    const addedMark = added.querySelector('mark.qawl-mark')?.textContent ?? '';

    // 2. The site updates the text node it kept (taken out of the DOM if it
    // had marks), while a reader is on a name.
    first.querySelector('mark.qawl-mark').focus();
    const focusedName = document.activeElement.textContent;
    tickerText.data = 'آخر تحديث: قال رئيس الوزراء بشر الخصاونة: "سنواصل دعم المشروع".';
    const updated = await Promise.race([highlighted(), timeout(3000)]);
    const tickerQuote = ticker.querySelector('.qawl-quote')?.textContent ?? '';
    const panelRows = article.shadowRoot.querySelectorAll('aside button').length;
    const focusKept = document.activeElement?.matches('mark.qawl-mark') && first.contains(document.activeElement) && document.activeElement.textContent === focusedName;

    // 3. The site puts a node of its own after a mark.
    const mark = first.querySelector('mark.qawl-mark');
    const badge = document.createElement('span');
    badge.className = 'site-badge';
    badge.textContent = '✓';
    mark.after(badge);
    await Promise.race([highlighted(), timeout(3000)]);

    // 4. Unhighlight: the site's own nodes, in the places it put them.
    article.unhighlight();
    const kids = [...article.children];
    return {
      quotesAtFirst,
      appended: appended !== 'timeout',
      addedQuote,
      addedMark,
      updated: updated !== 'timeout',
      tickerQuote,
      panelRows,
      focusKept,
      order: kids.map((k) => [first, ticker, added, last].indexOf(k)),
      addedSame: added.firstChild === addedText && added.childNodes.length === 1,
      tickerSame: ticker.firstChild === tickerText && ticker.childNodes.length === 1,
      tickerShown: ticker.textContent,
      badgeInFirst: badge.parentNode === first,
      badgeAfterText: badge.previousSibling?.nodeType === 3 && first.textContent.startsWith('افتتح') && first.textContent.endsWith('✓'),
      marksLeft: article.querySelectorAll('mark.qawl-mark, .qawl-quote').length,
      html: article.innerHTML,
    };
  });
  assert.equal(r.quotesAtFirst, 0, 'no quotation in the article at first');
  assert.ok(r.appended, 'the added paragraph is analysed');
  assert.match(r.addedQuote, /المنطقة تخسر/, 'its quotation is marked');
  assert.equal(r.addedMark, 'الخطيب');
  assert.ok(r.updated, 'the updated text node is analysed');
  assert.match(r.tickerQuote, /سنواصل دعم المشروع/, 'the quotation in the updated text is marked');
  assert.ok(r.panelRows >= 2, 'the panel lists both quotations');
  assert.ok(r.focusKept, 'the reader stays on the name they were on');
  assert.deepEqual(r.order, [0, 1, 2, 3], 'the paragraphs in the order the site put them');
  assert.ok(r.addedSame, 'the added paragraph has its own text node back');
  assert.ok(r.tickerSame, 'the ticker has its own text node back');
  assert.match(r.tickerShown, /سنواصل دعم المشروع/, 'with the site\'s update in it');
  assert.ok(r.badgeInFirst && r.badgeAfterText, `the site's node stays in its paragraph, after the text it followed: ${r.html}`);
  assert.equal(r.marksLeft, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

// The component's own words (the hover card's summary, the who-said-what
// panel's heading, unknown speaker and kind badges) are the page's
// (strings.js), in the site page's language (its lang attribute), else the
// browser's, as the page chooses (issue 15, item 2, for the component).
test('the component speaks the site page\'s language, else the browser\'s', { skip }, async () => {
  const { STRINGS } = await import('../../www/strings.js');
  const KINDS = ['direct', 'partial', 'indirect', 'term'];
  const cases = [
    { locale: 'en-US', pageLang: null, want: 'ar' }, // the example site says lang="ar"
    { locale: 'en-US', pageLang: 'en-GB', want: 'en' },
    { locale: 'en-US', pageLang: '', want: 'en' }, // no lang: the browser's
    { locale: 'ar-EG', pageLang: '', want: 'ar' },
    { locale: 'ar-EG', pageLang: 'fr', want: 'ar' }, // a language qawl does not speak: the browser's
  ];
  for (const c of cases) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: c.locale });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${env.server.url}embed-example.html`);
    await page.waitForFunction(() => document.querySelector('qawl-article')?.analysis, null, { timeout: 20000 });
    if (c.pageLang != null) {
      await page.evaluate(async (l) => {
        if (l) document.documentElement.lang = l;
        else document.documentElement.removeAttribute('lang');
        await document.querySelector('qawl-article').highlight();
      }, c.pageLang);
    }
    await page.locator('qawl-article mark.qawl-mark').first().hover();
    const seen = await page.evaluate(() => {
      const el = document.querySelector('qawl-article');
      const panel = el.shadowRoot.querySelector('aside');
      const mark = el.querySelector('mark.qawl-mark');
      const card = [...document.querySelectorAll('qawl-card')].find((h) => !h.hidden);
      return {
        label: mark.dataset.qawlLabel,
        cardLang: card?.lang,
        meta: card?.shadowRoot.querySelector('.meta').textContent,
        panelLang: panel?.lang,
        ariaLabel: panel?.getAttribute('aria-label'),
        summary: panel?.querySelector('summary').textContent,
        headings: [...(panel?.querySelectorAll('h3') ?? [])].map((h) => h.textContent),
        kinds: [...(panel?.querySelectorAll('.kind') ?? [])].map((k) => k.textContent),
        quotes: el.analysis.quotes.length,
        unknown: el.analysis.quotes.some((q) => !q.speaker && q.kind !== 'term'),
      };
    });
    const T = STRINGS[c.want];
    const tag = `${c.locale}, page lang ${c.pageLang ?? 'ar (as served)'}`;
    assert.equal(seen.cardLang, c.want, `${tag}: the card's language`);
    assert.ok(seen.meta.startsWith(`${T[`type.${seen.label}`]} · `), `${tag}: card "${seen.meta}"`);
    const other = STRINGS[c.want === 'ar' ? 'en' : 'ar'];
    assert.ok(!seen.meta.includes(other[`type.${seen.label}`]), `${tag}: no word of the other language in "${seen.meta}"`);
    assert.ok(seen.quotes > 0, 'the example has quotations, so a panel');
    assert.equal(seen.panelLang, c.want, `${tag}: the panel's language`);
    assert.equal(seen.ariaLabel, T['who.heading']);
    assert.ok(seen.summary.startsWith(`${T['who.heading']} `), `${tag}: summary "${seen.summary}"`);
    for (const k of seen.kinds) assert.ok(KINDS.some((id) => T[`kind.${id}`] === k), `${tag}: kind badge "${k}"`);
    if (seen.unknown) assert.ok(seen.headings.includes(T['who.unknown']), `${tag}: the unknown speaker's heading`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
