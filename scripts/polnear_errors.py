#!/usr/bin/env python3
"""List English quotation errors on PolNeAR, one per entry, with context (measure only: never train on it).

Usage: scripts/polnear_errors.py PRED_DIR [spk|miss|fp|ind|all] [--corpus DIR] [--eval DIR]
  spk   matched direct quotations with a wrong speaker (gold source, its keys, the predicted name)
  miss  gold direct quotations not found
  fp    predicted direct quotations that match nothing
  ind   indirect: wrong speakers and misses
PRED_DIR holds `qawl analyze` output for the texts that polnear_eval.py --extract writes; the
scoring (matching, speaker keys) is polnear_eval.py's own, imported from --eval (default
../shared/eval beside the repository).
"""
import argparse, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument('pred')
ap.add_argument('mode', nargs='?', default='all', choices=('spk', 'miss', 'fp', 'ind', 'all'))
ap.add_argument('--corpus', default=os.path.join(HERE, '../../shared/data/quotes-en/polnear-dev'))
ap.add_argument('--eval', default=os.path.join(HERE, '../../shared/eval'))
a = ap.parse_args()
sys.path.insert(0, a.eval)
import polnear_eval as pe  # noqa: E402


def ctx(text, chars, w=120):
    if not chars:
        return ''
    s, e = min(chars), max(chars) + 1
    body = text[s:e] if e - s <= 80 else text[s:s + 80] + '...'
    return (text[max(0, s - w):s] + '[[' + body + ']]' + text[e:e + w]).replace('\n', '|')


arts = pe.load_gold(a.corpus, 'dev')
_, pairs, _ = pe.score(arts, a.pred)
for p in pairs:
    if (p['cls'] == 'indirect') != (a.mode == 'ind'):
        continue
    text, g, q = arts[p['article']][0], p['gold'], p['pred']
    if g and q and p['speaker_ok'] is False and a.mode in ('all', 'spk', 'ind'):
        sp = (q.get('speaker') or {}).get('name')
        print('SPK ', p['article'], 'gold=%r keys=%s pred=%r' % (g['source'], sorted(g['keys']), sp))
        print('     ', ctx(text, g['chars']))
    elif g and not q and a.mode in ('all', 'miss', 'ind'):
        print('MISS', p['article'], 'src=%r' % g['source'], ctx(text, g['chars']))
    elif q and not g and a.mode in ('all', 'fp'):
        print('FP  ', p['article'], q.get('kind'), ctx(text, pe.span(text, q['start'], q['end'])))
