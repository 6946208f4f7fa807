// Search as you type on /suche/, on the static files alone: the index that
// `portal build` writes into suchindex/ is loaded from this site, piece by
// piece, and nothing else is contacted. Without this script the page offers
// the A–Z list instead (the form and the results stay hidden), so nothing
// here is needed to reach a service.
//
// What a query loads does not grow with the site: the manifest (the types'
// page ranges and where each shard of the sorted word stems begins), the
// shard of each word typed, the first block of each word's pages (the
// strongest first), and one small fragment per result shown. The format is
// described in src/search/mod.rs; words are cut and stemmed here exactly as
// there (tests/testsuite/search_index.rs compares the two stemmers).

const FORMAT_VERSION = 1;
const SHOWN = 20;
// Longer words the typed beginning of a word may stand for, at most.
const EXTENSIONS = 8;
// Blocks of one word read at most, when a query's words rarely meet.
const MAX_BLOCKS = 8;

// --- Words, as src/search/words.rs cuts them --------------------------------

/** Lowercase words of `text`: runs of letters and digits. */
export const words = (text) =>
  text
    .split(/[^\p{Alphabetic}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());

// --- Snowball's German stemmer ---------------------------------------------
// Written from the algorithm's description (snowballstem.org, "German
// stemming algorithm"): the stem a word is indexed under.

const VOWEL = new Set('aeiouyäöü');
const S_ENDING = new Set('bdfghklmnrt');
const ST_ENDING = new Set('bdfghklmnt');

/** The longest of `suffixes` that `w` (an array of letters) ends with. */
function longestSuffix(w, suffixes) {
  let best = null;
  for (const s of suffixes) {
    if (s.length <= w.length && (best === null || s.length > best.length) && w.slice(w.length - s.length).join('') === s) {
      best = s;
    }
  }
  return best;
}

const endsWith = (w, s) => s.length <= w.length && w.slice(w.length - s.length).join('') === s;

/** The stem of a lowercase word. */
export function stem(word) {
  const w = [...word.replace(/ß/g, 'ss')];
  // u and y between vowels are consonants: marked, restored at the end.
  for (let i = 0; i + 2 < w.length; i++) {
    if (VOWEL.has(w[i]) && (w[i + 1] === 'u' || w[i + 1] === 'y') && VOWEL.has(w[i + 2])) {
      w[i + 1] = w[i + 1].toUpperCase();
    }
  }
  // R1 and R2: after the first non-vowel that follows a vowel; R1 leaves
  // at least three letters before it.
  let p1 = w.length;
  let p2 = w.length;
  if (w.length >= 3) {
    const after = (from) => {
      let i = from;
      while (i < w.length && !VOWEL.has(w[i])) i++;
      if (i >= w.length) return null;
      i++;
      while (i < w.length && VOWEL.has(w[i])) i++;
      if (i >= w.length) return null;
      return i + 1;
    };
    const first = after(0);
    if (first !== null) {
      p1 = Math.max(first, 3);
      const second = after(first);
      if (second !== null) p2 = second;
    }
  }
  const cut = (n) => w.splice(w.length - n, n);
  // Step 1.
  let s = longestSuffix(w, ['em', 'ern', 'er', 'e', 'en', 'es', 's']);
  if (s !== null && w.length - s.length >= p1) {
    if (s === 's') {
      if (w.length >= 2 && S_ENDING.has(w[w.length - 2])) cut(1);
    } else {
      cut(s.length);
      if ((s === 'e' || s === 'en' || s === 'es') && endsWith(w, 'niss')) cut(1);
    }
  }
  // Step 2.
  s = longestSuffix(w, ['en', 'er', 'est', 'st']);
  if (s !== null && w.length - s.length >= p1) {
    if (s === 'st') {
      const before = w.length - 3;
      if (before >= 3 && ST_ENDING.has(w[before])) cut(2);
    } else {
      cut(s.length);
    }
  }
  // Step 3.
  s = longestSuffix(w, ['end', 'ung', 'ig', 'ik', 'isch', 'lich', 'heit', 'keit']);
  if (s !== null && w.length - s.length >= p2) {
    const preceded = (n, letter) => w.length - n - 1 >= 0 && w[w.length - n - 1] === letter;
    if (s === 'end' || s === 'ung') {
      cut(3);
      if (endsWith(w, 'ig') && !preceded(2, 'e') && w.length - 2 >= p2) cut(2);
    } else if (s === 'ig' || s === 'ik' || s === 'isch') {
      if (!preceded(s.length, 'e')) cut(s.length);
    } else if (s === 'lich' || s === 'heit') {
      cut(4);
      if ((endsWith(w, 'er') || endsWith(w, 'en')) && w.length - 2 >= p1) cut(2);
    } else {
      cut(4);
      const t = longestSuffix(w, ['lich', 'ig']);
      if (t !== null && w.length - t.length >= p2) cut(t.length);
    }
  }
  return w
    .join('')
    .replace(/U/g, 'u')
    .replace(/Y/g, 'y')
    .replace(/ä/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/ü/g, 'u');
}

// --- The index --------------------------------------------------------------

/** Pages and impacts of a postings list as written (page differences). */
function decode(flat) {
  const pages = [];
  let page = 0;
  for (let i = 0; i < flat.length; i += 2) {
    page += flat[i];
    pages.push([page, flat[i + 1]]);
  }
  return pages;
}

export class Index {
  constructor(base, fetchJson) {
    this.base = base;
    this.fetchJson = fetchJson;
    this.files = new Map();
  }

  file(name) {
    if (!this.files.has(name)) {
      const loading = this.fetchJson(this.base + name);
      // A failed request is tried again next time.
      loading.catch(() => this.files.delete(name));
      this.files.set(name, loading);
    }
    return this.files.get(name);
  }

  async open() {
    this.manifest = await this.file('index.json');
    if (this.manifest.version !== FORMAT_VERSION) throw new Error('unknown index format');
    return this;
  }

  /** The shards that may hold stems beginning with `prefix`. */
  shardsFor(prefix) {
    const shards = this.manifest.shards;
    if (shards.length === 0) return [];
    let lo = 0;
    let hi = shards.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (shards[mid][0] <= prefix) lo = mid;
      else hi = mid - 1;
    }
    const found = [shards[lo][1]];
    for (let j = lo + 1; j < shards.length && shards[j][0].startsWith(prefix) && found.length < 4; j++) {
      found.push(shards[j][1]);
    }
    return found;
  }

  /** The stems a typed word stands for: its own, then the longer stems it
   *  begins (the word may still be being typed), the most frequent first. */
  async stems(word) {
    const own = stem(word);
    const matches = [];
    for (const name of this.shardsFor(own)) {
      const shard = await this.file(name);
      let lo = 0;
      let hi = shard.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (shard[mid][0] < own) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < shard.length && shard[i][0].startsWith(own); i++) {
        matches.push({ stem: shard[i][0], pages: shard[i][1], postings: shard[i][2], exact: shard[i][0] === own, read: 0, found: new Map() });
      }
    }
    const exact = matches.filter((m) => m.exact);
    const longer = matches.filter((m) => !m.exact).sort((a, b) => b.pages - a.pages).slice(0, EXTENSIONS);
    return [...exact, ...longer];
  }

  complete(match) {
    return typeof match.postings[0] !== 'string' ? match.read > 0 : match.read >= match.postings.length;
  }

  /** Reads the next block of a stem's pages (inline postings at once). */
  async readMore(match) {
    if (this.complete(match)) return;
    const flat = typeof match.postings[0] === 'string' ? await this.file(match.postings[match.read]) : match.postings;
    match.read += 1;
    for (const [page, impact] of decode(flat)) match.found.set(page, impact);
  }

  /** Pages answering every word of `query` (of type `kind`, if given), the
   *  best first. `complete` tells whether every page was considered; if
   *  not, `atLeast` is what is known of their number (one word standing for
   *  one stem of a type-less search: exactly its number of pages). */
  async search(query, kind) {
    const typed = words(query);
    if (typed.length === 0) return { pages: [], complete: true, atLeast: 0, stems: [] };
    const terms = await Promise.all(typed.map((w) => this.stems(w)));
    const ranges = kind ? this.manifest.kinds.filter((k) => k[0] === kind) : null;
    const wanted = (page) => !ranges || ranges.some((r) => page >= r[1] && page < r[2]);
    let round = 0;
    for (;;) {
      await Promise.all(terms.flat().filter((m) => !this.complete(m)).map((m) => this.readMore(m)));
      round++;
      const scores = terms.map((matches) => {
        const best = new Map();
        for (const m of matches) {
          const weight = m.exact ? 1 : 0.5;
          for (const [page, impact] of m.found) {
            const score = impact * weight;
            if (!(best.get(page) >= score)) best.set(page, score);
          }
        }
        return best;
      });
      scores.sort((a, b) => a.size - b.size);
      const pages = [];
      for (const [page, score] of scores[0] || []) {
        if (!wanted(page)) continue;
        let total = score;
        let everywhere = true;
        for (const other of scores.slice(1)) {
          const s = other.get(page);
          if (s === undefined) {
            everywhere = false;
            break;
          }
          total += s;
        }
        if (everywhere) pages.push([page, total]);
      }
      pages.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const complete = terms.flat().every((m) => this.complete(m));
      if (complete || pages.length >= SHOWN || round >= MAX_BLOCKS) {
        const single = terms.length === 1 && !kind ? terms[0] : null;
        const known = single ? Math.max(pages.length, ...single.map((m) => m.pages)) : pages.length;
        return {
          pages: pages.map((p) => p[0]),
          complete: complete || (single !== null && single.length === 1),
          atLeast: known,
          stems: terms.flat().map((m) => m.stem),
        };
      }
    }
  }

  /** What a result shows: link, title, type and summary of page `n`. */
  fragment(n) {
    return this.file(`f/${Math.floor(n / 1000)}/${n}.json`);
  }
}

// --- The page ---------------------------------------------------------------

// Umlaut- and case-blind comparison, as German readers expect.
const fold = (text) => text.toLocaleLowerCase('de').normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');

// The summary, with the words the query found marked.
function summaryNodes(text, stems) {
  const nodes = [];
  for (const piece of text.split(/([\p{Alphabetic}\p{N}]+)/u)) {
    if (!piece) continue;
    const own = stem(piece.toLowerCase());
    if (/[\p{Alphabetic}\p{N}]/u.test(piece) && stems.some((s) => own.startsWith(s) || s.startsWith(own))) {
      const mark = document.createElement('mark');
      mark.textContent = piece;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(piece));
    }
  }
  return nodes;
}

function resultItem(data, stems) {
  const item = document.createElement('li');
  item.className = 'search__result';
  const heading = document.createElement('h2');
  heading.className = 'search__title';
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.title || data.url;
  heading.append(link);
  const type = document.createElement('p');
  type.className = 'search__type';
  // The type's name in the page's language: the filter's option for it.
  const option = [...document.getElementById('_suche-typ').options].find((o) => o.value === data.kind);
  type.textContent = option ? option.textContent : data.kind;
  const excerpt = document.createElement('p');
  excerpt.className = 'search__excerpt';
  excerpt.append(...summaryNodes(data.summary || '', stems));
  item.append(heading, type, excerpt);
  return item;
}

// Whether a title word answers a typed word: the same beginning, inside a
// compound ("wohnsitzanmeldung"), or an inflected form of it (typed
// "Bauanträge", title "Bauantrag": at most two letters more).
const answers = (token, word) =>
  token.includes(word) || (token.length >= 4 && word.startsWith(token) && word.length - token.length <= 2);

// A service whose title answers every word typed comes before anything
// else; otherwise the index's order (title matches weigh most) stays.
function ranked(results, query) {
  const typed = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const titleMatch = (d) =>
    d.kind === 'Leistung' && typed.every((w) => fold(d.title || '').split(/[^\p{L}\p{N}]+/u).some((t) => answers(t, w)));
  return [...results.filter(titleMatch), ...results.filter((d) => !titleMatch(d))];
}

// Numbers in the page's language.
const number = new Intl.NumberFormat(typeof document === 'undefined' ? 'de' : document.documentElement.lang || 'de');

// The status line's texts come from the theme's string file, as data
// attributes of the search's element: `{n}`, `{query}`, `{shown}` are
// filled in here.
function say(app, name, values) {
  const text = app.dataset[name] || '';
  return text.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
}

async function main(app) {
  const fallback = document.getElementById('_suche-ohne-script');
  const field = document.getElementById('_suche-feld');
  const kind = document.getElementById('_suche-typ');
  const status = document.getElementById('_suche-status');
  const list = document.getElementById('_suche-treffer');
  const getJson = async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  };
  const index = await new Index(app.dataset.index, getJson).open();
  fallback.hidden = true;
  app.hidden = false;

  let latest = 0;
  async function run() {
    const query = field.value.trim();
    const ticket = ++latest;
    const url = new URL(window.location.href);
    url.searchParams.set('q', query);
    if (kind.value) url.searchParams.set('typ', kind.value);
    else url.searchParams.delete('typ');
    history.replaceState(null, '', url);
    if (!query) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    const found = await index.search(query, kind.value);
    if (ticket !== latest) return;
    const data = await Promise.all(found.pages.slice(0, SHOWN).map((n) => index.fragment(n)));
    if (ticket !== latest) return;
    list.replaceChildren(...ranked(data, query).map((d) => resultItem(d, found.stems)));
    const count = found.pages.length;
    const n = number.format(found.atLeast);
    const counted = found.complete ? n : say(app, 'textAtLeast', { n });
    status.textContent =
      count === 0
        ? say(app, 'textNone', { query })
        : say(app, count > SHOWN ? 'textFoundFirst' : 'textFound', { n: counted, query, shown: SHOWN });
  }

  let timer;
  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  kind.addEventListener('change', run);
  app.querySelector('form').addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  const params = new URLSearchParams(window.location.search);
  field.value = params.get('q') || '';
  kind.value = params.get('typ') || '';
  if (field.value) await run();
}

const app = typeof document === 'undefined' ? null : document.getElementById('_suche');
if (app) {
  main(app).catch(() => {
    // The index could not be loaded: the A–Z list stays on offer.
    document.getElementById('_suche-ohne-script').hidden = false;
    app.hidden = true;
  });
}
