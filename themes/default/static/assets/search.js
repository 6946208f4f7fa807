// Search as you type on /suche/, on the static files alone: Pagefind's
// index in pagefind/ is loaded from this site, nothing else is contacted.
// Without this script the page offers the A–Z list instead (the form and
// the results stay hidden), so nothing here is needed to reach a service.

const app = document.getElementById('_suche');
const fallback = document.getElementById('_suche-ohne-script');
const field = document.getElementById('_suche-feld');
const kind = document.getElementById('_suche-typ');
const status = document.getElementById('_suche-status');
const list = document.getElementById('_suche-treffer');
const SHOWN = 20;

// Umlaut- and case-blind comparison, as German readers expect.
const fold = (text) => text.toLocaleLowerCase('de').normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');

// The excerpt Pagefind returns is escaped text with <mark> around matches;
// only text and <mark> are taken over, never other markup.
function excerptNodes(html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  const nodes = [];
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) nodes.push(document.createTextNode(node.textContent));
    else if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else nodes.push(document.createTextNode(node.textContent));
  }
  return nodes;
}

function resultItem(data) {
  const item = document.createElement('li');
  item.className = 'search__result';
  const heading = document.createElement('h2');
  heading.className = 'search__title';
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const type = document.createElement('p');
  type.className = 'search__type';
  type.textContent = (data.filters.Typ || []).join(', ');
  const excerpt = document.createElement('p');
  excerpt.className = 'search__excerpt';
  excerpt.append(...excerptNodes(data.excerpt || ''));
  item.append(heading, type, excerpt);
  return item;
}

// Whether a title word answers a typed word: the same beginning, inside a
// compound ("wohnsitzanmeldung"), or an inflected form of it (typed
// "Bauanträge", title "Bauantrag": at most two letters more).
const answers = (token, word) =>
  token.includes(word) || (token.length >= 4 && word.startsWith(token) && word.length - token.length <= 2);

// A service whose title answers every word typed comes before anything
// else; otherwise Pagefind's order (title matches weigh most) stays.
function ranked(results, query) {
  const words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const titleMatch = (d) =>
    (d.filters.Typ || []).includes('Leistung') &&
    words.every((w) => fold(d.meta.title || '').split(/[^\p{L}\p{N}]+/u).some((t) => answers(t, w)));
  return [...results.filter(titleMatch), ...results.filter((d) => !titleMatch(d))];
}

async function main() {
  const bundle = app.dataset.bundle;
  const pagefind = await import(`${bundle}pagefind.js`);
  await pagefind.options({ baseUrl: '/' });
  await pagefind.init();
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
    const options = kind.value ? { filters: { Typ: kind.value } } : {};
    const search = await pagefind.search(query, options);
    if (ticket !== latest || !search) return;
    const data = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data()));
    if (ticket !== latest) return;
    list.replaceChildren(...ranked(data, query).map(resultItem));
    const count = search.results.length;
    status.textContent =
      count === 0
        ? `Keine Treffer für „${query}“.`
        : `${count} ${count === 1 ? 'Treffer' : 'Treffer'} für „${query}“${count > SHOWN ? `, die ersten ${SHOWN} werden gezeigt` : ''}.`;
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

main().catch(() => {
  // The index could not be loaded: the A–Z list stays on offer.
  fallback.hidden = false;
  app.hidden = true;
});
