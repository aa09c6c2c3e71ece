// The page and the embed share their walker and their label table: an
// article's HTML becomes the same paragraphs whether it is dropped on the
// page as a file or highlighted in place by the component, and each entity
// type is named and coloured the same in both, in both colour schemes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, useBrowserAndServer, waitAnalysed, openPage } from './helpers.mjs';
import { LABELS } from '../../www/labels.js';
import { STRINGS } from '../../www/strings.js';

const skip = skipReason() || false;
const env = useBrowserAndServer(skip);

// Invented text, in the elements where the page's and the embed's walkers
// used to disagree (details, summary, fieldset, legend, pre, code) and some
// where they agreed.
const ARTICLE = [
  '<h1>عنوان تجريبي للمقال</h1>',
  '<p>قال الوزير سامر الحداد يوم <b>الأحد</b> إن "الخطة <a href="#x">جاهزة</a>".</p>',
  '<details><summary>ملخص الخبر</summary>اجتمع الوزراء في عمان يوم الخميس.</details>',
  '<fieldset><legend>بيانات</legend>انعقد المؤتمر في القاهرة.</fieldset>',
  '<pre>سطر من شيفرة</pre>',
  '<p>نص فيه <code>x = 1</code> مضمن<br>وسطر بعد فاصل.</p>',
  '<table><tr><td>خلية أولى</td><td>خلية ثانية</td></tr></table>',
  '<blockquote>اقتباس <i>قصير</i> في فقرة</blockquote>',
].join('\n');

const EXPECTED = [
  'عنوان تجريبي للمقال',
  'قال الوزير سامر الحداد يوم الأحد إن "الخطة جاهزة".',
  'ملخص الخبر',
  'اجتمع الوزراء في عمان يوم الخميس.',
  'بيانات',
  'انعقد المؤتمر في القاهرة.',
  'نص فيه مضمن',
  'وسطر بعد فاصل.',
  'خلية أولى',
  'خلية ثانية',
  'اقتباس قصير في فقرة',
];

test('an article reads as the same paragraphs dropped on the page and highlighted by the embed', { skip }, async () => {
  const { context, page, problems } = await openPage(env, {});
  const html = `<!doctype html><html><head><title>t</title></head><body><article>${ARTICLE}</article></body></html>`;
  await page.setInputFiles('#file', { name: 'walk.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  await waitAnalysed(page, 'walk.html');
  const onPage = await page.$$eval('#article p', (ps) => ps.map((p) => p.textContent));

  await page.goto(`${env.server.url}embed-example.html`);
  await page.waitForFunction(() => document.querySelector('qawl-article')?.analysis, null, { timeout: 20000 });
  const inEmbed = await page.evaluate(async (inner) => {
    const { highlight, unhighlight } = await import('/qawl-embed.js');
    const box = document.createElement('section');
    box.innerHTML = inner;
    document.body.append(box);
    const { text } = await highlight(box);
    unhighlight(box);
    box.remove();
    return text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
  }, ARTICLE);

  assert.deepEqual(onPage, EXPECTED, 'the page reads the dropped file as these paragraphs');
  assert.deepEqual(inEmbed, EXPECTED, 'the embed reads the same markup as the same paragraphs');
  assert.deepEqual(problems, []);
  await context.close();
});

/** In the page, the computed colours of one mark per label, made the way the page or the embed makes them. */
function markStyles([ids, embed]) {
  return ids.map((id) => {
    const m = document.createElement('mark');
    if (embed) {
      m.className = 'qawl-mark';
      m.dataset.qawlLabel = id;
    } else m.dataset.label = id;
    m.textContent = 'x';
    (embed ? document.body : document.getElementById('article')).append(m);
    const cs = getComputedStyle(m);
    return { id, bg: cs.backgroundColor, line: cs.borderBottomColor, style: cs.borderBottomStyle, width: cs.borderBottomWidth };
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`each label is named and coloured the same on the page and in the embed (${colorScheme})`, { skip }, async () => {
    const ids = LABELS.map((l) => l.id);
    const { context, page } = await openPage(env, { colorScheme });
    const legend = await page.$$eval('#legend button[data-legend]:not([data-legend="quotes"])', (bs) =>
      bs.map((b) => ({ id: b.dataset.legend, name: b.childNodes[1].textContent.trim() })),
    );
    assert.deepEqual(legend, LABELS.map((l) => ({ id: l.id, name: l.name })), 'the legend names the labels from labels.js, in its order');
    const onPage = await page.evaluate(markStyles, [ids, false]);

    await page.goto(`${env.server.url}embed-example.html`);
    await page.waitForFunction(() => document.querySelector('qawl-article')?.analysis, null, { timeout: 20000 });
    const inEmbed = await page.evaluate(markStyles, [ids, true]);
    assert.deepEqual(inEmbed, onPage);
    assert.equal(new Set(onPage.map((s) => s.bg)).size, ids.length, 'every label has a colour of its own');

    // The embed's card names the type as the page does in the same language
    // (the example site's page is Arabic: <html lang="ar">).
    await page.locator('qawl-article mark.qawl-mark').first().hover();
    const card = await page.evaluate(() => ({
      label: document.querySelector('qawl-article mark.qawl-mark').dataset.qawlLabel,
      lang: document.documentElement.lang,
      meta: document.querySelector('qawl-card').shadowRoot.querySelector('.meta').textContent,
    }));
    const name = STRINGS[card.lang][`type.${card.label}`];
    assert.ok(card.meta.startsWith(`${name} · `), `${card.meta} names ${card.label} as ${name}`);
    if (card.lang === 'en') assert.equal(name, LABELS.find((l) => l.id === card.label).name);
    await context.close();
  });
}
