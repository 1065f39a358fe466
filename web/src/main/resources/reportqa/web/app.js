// ReportQA chat page. Everything from the server or a report is put on the page as text, or as
// Markdown rendered by marked (with raw HTML shown as text) and sanitised by DOMPurify.
'use strict';

const STORAGE = {
  conversation: 'reportqa.conversation.v1', // one conversation, as pages before conversations kept it
  conversations: 'reportqa.conversations.v1',
  current: 'reportqa.current.v1',
  filters: 'reportqa.filters.v1',
  apiKey: 'reportqa.apiKey.v1',
};
/** How many conversations are kept: the oldest go first. */
const MAX_CONVERSATIONS = 50;
const EVENTS = { SOURCES: 'sources', TOKEN: 'token', RESET: 'reset', DONE: 'done', ERROR: 'error' };
const HISTORY_TURNS = 6;

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c != null) node.append(c);
  return node;
};

/** A turn saved while its answer was still streaming can never finish: say so. */
function settled(conversation) {
  for (const turn of conversation) {
    if (turn.role === 'assistant' && !turn.answer && !turn.error) turn.error = t('answer.interruptedByReload');
  }
  return conversation;
}

/** Filters as kept, each list a list of text and each date text, whatever was stored. */
function soundFilters(f) {
  const list = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
  const text = (v) => (typeof v === 'string' ? v : '');
  const o = f && typeof f === 'object' ? f : {};
  return {
    brokers: list(o.brokers), from: text(o.from), to: text(o.to), reports: list(o.reports),
    industries: list(o.industries), ratings: list(o.ratings), analysts: list(o.analysts),
  };
}

/** A conversation: its id, its title (empty: its first question), when it last changed, its turns. */
function newConversation(turns = []) {
  return { id: Date.now().toString(36) + Math.random().toString(36).slice(2, 6), title: '', updated: Date.now(), turns };
}

/** The kept conversations, most recent first; one kept the old way becomes the first. */
function loadConversations() {
  let list = load(STORAGE.conversations, null);
  if (!Array.isArray(list)) {
    const old = load(STORAGE.conversation, []);
    list = Array.isArray(old) && old.length ? [newConversation(old)] : [];
  }
  // What another version or a hand wrote there may not be a conversation: only sound turns are kept.
  list = list
    .filter((c) => c && typeof c === 'object' && Array.isArray(c.turns))
    .map((c) => ({ ...c, id: String(c.id || newConversation().id), title: typeof c.title === 'string' ? c.title : '',
      turns: c.turns.filter((turn) => turn && typeof turn === 'object' && (turn.role === 'user' ? typeof turn.content === 'string' : turn.role === 'assistant')) }));
  for (const c of list) settled(c.turns);
  if (!list.length) list.push(newConversation());
  return list;
}

const conversations = loadConversations();
const currentId = conversations.some((c) => c.id === load(STORAGE.current, '')) ? load(STORAGE.current, '') : conversations[0].id;

const state = {
  conversations,
  currentId,
  // The current conversation's turns (the same array as in conversations).
  conversation: conversations.find((c) => c.id === currentId).turns,
  filters: soundFilters(load(STORAGE.filters, {})),
  librarySort: { key: 'date', down: true },
  apiKey: load(STORAGE.apiKey, ''),
  keyWaiters: null,
  reports: new Map(),
  uploadStates: new Map(),
  followAnswer: false,
  deletedConversations: new Set(),
  editing: null,
  modelConfigured: false,
  failedFiles: [],
  reportTexts: new Map(),
  controller: null,
  popoverFor: null,
  lastFocus: null,
};

function load(key, fallback) {
  try {
    const v = JSON.parse(localStorage.getItem(key));
    return v ?? fallback;
  } catch (e) {
    return fallback;
  }
}

function save() {
  try {
    // An answer still streaming is saved as interrupted: if the page goes away now, it never finishes.
    const stored = state.conversations.map((c) => ({
      ...c,
      turns: c.turns.map((turn) => (turn.role === 'assistant' && !turn.answer && !turn.error
        ? { ...turn, error: t('answer.interruptedByReload') } : turn)),
    }));
    storeConversations(stored);
    localStorage.setItem(STORAGE.current, JSON.stringify(state.currentId));
    localStorage.removeItem(STORAGE.conversation);
    localStorage.setItem(STORAGE.filters, JSON.stringify(state.filters));
  } catch (e) {
    showStatus(t('status.cannotSave', { reason: e.message }));
  }
}

function showStatus(message) {
  const s = $('status');
  s.textContent = message;
  s.hidden = !message;
}

/**
 * Writes the conversations; when the browser's storage is full, the oldest ones (never the current)
 * are given up one by one until the rest fit.
 */
function storeConversations(stored) {
  stored = [...stored, ...othersConversations()];
  for (;;) {
    try {
      localStorage.setItem(STORAGE.conversations, JSON.stringify(stored));
      return;
    } catch (e) {
      const oldest = stored.map((c) => c.id).reverse().find((id) => id !== state.currentId);
      if (!oldest || stored.length <= 1) throw e;
      stored = stored.filter((c) => c.id !== oldest);
      state.conversations = state.conversations.filter((c) => c.id !== oldest);
    }
  }
}

/**
 * Conversations another tab of this page kept that this one does not have (and did not delete):
 * kept too, so that two tabs never erase each other's.
 */
function othersConversations() {
  const stored = load(STORAGE.conversations, []);
  if (!Array.isArray(stored)) return [];
  const mine = new Set(state.conversations.map((c) => c.id));
  const others = stored.filter((c) => c && typeof c === 'object' && Array.isArray(c.turns) && c.id
    && !mine.has(c.id) && !state.deletedConversations.has(c.id));
  state.conversations.push(...others);
  return others;
}

// ---------------------------------------------------------------- conversations

function currentConversation() {
  return state.conversations.find((c) => c.id === state.currentId);
}

/** A conversation's name: the one given it, else its first question, else 新对话. */
function conversationTitle(c) {
  if (c.title) return c.title;
  const first = c.turns.find((turn) => turn.role === 'user');
  return first ? first.content.slice(0, 40) : t('conversations.untitled');
}

/** Makes {@code id} the conversation shown (an answer being written in another is stopped). */
function switchConversation(id) {
  if (id === state.currentId) return;
  if (state.controller) state.controller.abort();
  state.editing = null;
  const c = state.conversations.find((x) => x.id === id);
  if (!c) return;
  state.currentId = id;
  state.conversation = c.turns;
  save();
  renderConversation();
  renderConversations();
}

/** Starts a conversation (the current one is kept; an empty one is reused). */
function startConversation() {
  if (state.controller) state.controller.abort();
  state.editing = null;
  const empty = state.conversations.find((c) => !c.turns.length);
  const c = empty || newConversation();
  if (!empty) state.conversations.unshift(c);
  while (state.conversations.length > MAX_CONVERSATIONS) state.conversations.pop();
  switchConversation(c.id);
}

function renameConversation(c) {
  const title = window.prompt(t('conversations.renamePrompt'), conversationTitle(c));
  if (title == null) return;
  c.title = title.trim().slice(0, 80);
  save();
  renderConversations();
}

function deleteConversation(c) {
  if (!window.confirm(t('conversations.confirmDelete', { title: conversationTitle(c) }))) return;
  state.conversations = state.conversations.filter((x) => x !== c);
  state.deletedConversations.add(c.id);
  if (!state.conversations.length) state.conversations.push(newConversation());
  if (c.id === state.currentId) switchConversation(state.conversations[0].id);
  else {
    save();
    renderConversations();
  }
}

/** The conversations panel: each kept conversation, the current one marked, to open, rename or delete. */
function renderConversations() {
  $('conversation-list').replaceChildren(...state.conversations.map((c) => el('li', {
    class: 'conversation' + (c.id === state.currentId ? ' current' : ''), 'data-id': c.id,
  },
  el('button', {
    type: 'button', class: 'open-conversation', text: conversationTitle(c),
    'aria-current': c.id === state.currentId ? 'true' : 'false', onclick: () => switchConversation(c.id),
  }),
  el('button', { type: 'button', class: 'rename-conversation', text: '✎', 'aria-label': t('conversations.rename', { title: conversationTitle(c) }), onclick: () => renameConversation(c) }),
  el('button', { type: 'button', class: 'delete-conversation', text: '×', 'aria-label': t('conversations.delete', { title: conversationTitle(c) }), onclick: () => deleteConversation(c) }))));
}

// ---------------------------------------------------------------- API key

const KEY_NOTES = {
  get needed() { return t('key.needed'); },
  get wrong() { return t('key.wrong'); },
};

/**
 * fetch for the API: sends the key when there is one; on a 401 asks for a key (one form, however
 * many requests wait) and tries again with it.
 */
async function api(path, options = {}) {
  for (;;) {
    const key = state.apiKey;
    const headers = { ...(options.headers || {}) };
    if (key) headers.Authorization = `Bearer ${key}`;
    const res = await fetch(path, { ...options, headers });
    if (res.status !== 401) return res;
    // A key that was refused is forgotten, unless another was entered meanwhile.
    if (key && state.apiKey === key) storeKey('');
    await askForKey(key ? KEY_NOTES.wrong : KEY_NOTES.needed, options.signal);
  }
}

/** Shows the key form and resolves once a key is entered (rejects if the request is stopped first). */
function askForKey(note, signal) {
  const form = $('key-form');
  $('key-note').textContent = note;
  if (form.hidden) {
    form.hidden = false;
    $('api-key').value = '';
    $('api-key').focus();
  }
  return new Promise((resolve, reject) => {
    state.keyWaiters = state.keyWaiters || [];
    state.keyWaiters.push(resolve);
    signal?.addEventListener('abort', () => reject(new DOMException(t('answer.stopped'), 'AbortError')), { once: true });
  });
}

function storeKey(key) {
  state.apiKey = key;
  try {
    if (key) localStorage.setItem(STORAGE.apiKey, JSON.stringify(key));
    else localStorage.removeItem(STORAGE.apiKey);
  } catch (e) {
    // The key still works for this page; it is only not remembered.
  }
}

function submitKey(e) {
  e.preventDefault();
  const key = $('api-key').value.trim();
  if (!key) return;
  storeKey(key);
  $('key-form').hidden = true;
  const waiting = state.keyWaiters || [];
  state.keyWaiters = null;
  for (const resolve of waiting) resolve();
}

// ---------------------------------------------------------------- Markdown

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

function markdown(text) {
  // Raw HTML in an answer (a quoted report may contain "<script>") is shown as text, not markup.
  marked.use({ renderer: { html: (token) => escapeHtml(token.text ?? token.raw ?? '') } });
  const html = marked.parse(text, { gfm: true, breaks: true });
  return DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ['style', 'img', 'iframe', 'form', 'input'] });
}

// ---------------------------------------------------------------- citations

function dateLabel(c) {
  return c.date || t('cite.unknownDate');
}

function sourceLabel(c) {
  return `${c.broker || t('cite.unknownBroker')} · ${dateLabel(c)}`;
}

/** Where in the report a passage is: its PDF page (a text report has none) and its section. */
function placeLabel(c) {
  return (c.page ? t('cite.page', { page: c.page }) : '') + (c.section ? ` · ${c.section}` : '');
}

/** The chip of citation c; {@code compact}: its number only (the text beside it names broker and date). */
function chip(c, compact) {
  const b = el('button', {
    type: 'button',
    class: 'chip' + (c.dateInferred ? ' approx' : '') + (c.unsupported ? ' unsupported' : '') + (compact ? ' compact' : ''),
    'data-n': String(c.n),
    'aria-label': t('cite.label', { n: c.n, source: sourceLabel(c), inferred: c.dateInferred ? t('cite.inferred') : '', title: c.title }),
  }, el('span', { class: 'n', text: String(c.n) }), el('span', { class: 'who', text: (c.broker || t('cite.unknownBroker')) + ' · ' }),
     el('span', { class: 'date', text: dateLabel(c) }));
  if (c.dateInferred) b.title = t('cite.inferredTitle');
  b.addEventListener('mouseenter', () => showPopover(b, c));
  b.addEventListener('focus', () => showPopover(b, c));
  b.addEventListener('mouseleave', () => hidePopoverSoon());
  b.addEventListener('blur', () => hidePopoverSoon());
  b.addEventListener('click', () => openViewer(c, b));
  return b;
}

/** Punctuation that closes a clause: kept on the line of the chip before it, never wrapped alone. */
const CLOSING = /^[。，、；：！？）」』”’.,;:!?)]/;

/**
 * Replaces every [n] in the rendered answer with the chip of citation n. A chip whose bullet already
 * opens with its broker · date shows only its number (the label stays in its name and popover), and
 * the punctuation right after a chip stays on its line.
 */
function chipify(fragment, citations) {
  const byN = new Map(citations.map((c) => [c.n, c]));
  const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) texts.push(walker.currentNode);
  for (const node of texts) {
    const parts = node.textContent.split(/\[(\d{1,3})\]/);
    if (parts.length === 1) continue;
    const block = node.parentElement && node.parentElement.closest('li, p');
    const opening = (block ? block.textContent : node.textContent).trimStart();
    const out = document.createDocumentFragment();
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i % 2 === 0) {
        if (p) out.append(p);
        continue;
      }
      const c = byN.get(Number(p));
      if (!c) {
        out.append(`[${p}]`);
        continue;
      }
      const b = chip(c, opening.startsWith(sourceLabel(c) + '：') || opening.startsWith(sourceLabel(c) + ':'));
      const next = parts[i + 1] || '';
      if (CLOSING.test(next)) {
        out.append(el('span', { class: 'chip-wrap' }, b, next[0]));
        parts[i + 1] = next.slice(1);
      } else {
        out.append(b);
      }
    }
    node.replaceWith(out);
  }
  return fragment;
}

// ---------------------------------------------------------------- popover and viewer

let hideTimer = null;

function showPopover(anchor, c) {
  clearTimeout(hideTimer);
  const p = $('popover');
  p.replaceChildren(...[
    el('div', { class: 'label', text: sourceLabel(c) + (c.dateInferred ? t('cite.inferredShort') : '') }),
    el('div', { class: 'title', text: `《${c.title}》${placeLabel(c)}` }),
    el('div', { class: 'passage', text: c.passage }),
    c.unsupported ? el('div', { class: 'note', text: t('cite.unsupported') }) : null,
    el('button', { type: 'button', class: 'open', text: t('cite.open'), onclick: () => openViewer(c, anchor) }),
  ].filter(Boolean));
  p.hidden = false;
  const r = anchor.getBoundingClientRect();
  const top = r.bottom + 6 + p.offsetHeight > window.innerHeight ? Math.max(4, r.top - p.offsetHeight - 6) : r.bottom + 6;
  p.style.top = `${top}px`;
  p.style.left = `${Math.max(4, Math.min(r.left, window.innerWidth - p.offsetWidth - 4))}px`;
  state.popoverFor = anchor;
}

function hidePopoverSoon() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    const p = $('popover');
    if (!p.matches(':hover') && !p.contains(document.activeElement)) p.hidden = true;
  }, 250);
}

async function reportText(id) {
  if (!state.reportTexts.has(id)) {
    const res = await api(`/api/reports/${encodeURIComponent(id)}`);
    const body = await res.json();
    if (!res.ok) throw new Error(refusalText(body, res.status));
    state.reportTexts.set(id, body);
  }
  return state.reportTexts.get(id);
}

/** The text of the answer's sentence a chip stands in (up to the chip, from the sentence's start). */
function citingSentence(chipEl) {
  const block = chipEl.closest('li, p') || chipEl.parentElement;
  let before = '';
  for (const node of block.childNodes) {
    if (node === chipEl || node.contains(chipEl)) break;
    if (!(node.classList && (node.classList.contains('chip') || node.classList.contains('chip-wrap')))) before += node.textContent;
  }
  const parts = before.split(/[。！？!?]/);
  const last = parts[parts.length - 1].trim() || (parts.length > 1 ? parts[parts.length - 2] : '');
  // A bullet opens with broker · date: not what the passage says.
  return last.replace(/^[^：:]{0,40}\d{4}[^：:]{0,12}[：:]/, '');
}

/** Pairs of neighbouring characters (letters and digits lower-cased): what two wordings share. */
function bigrams(s) {
  const chars = [...s.toLowerCase().replace(/[\s\p{P}]/gu, '')];
  const out = new Set();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

/**
 * Where, in a passage, the sentence that shares most of {@code citing} is: [from, to) offsets, or
 * [0, 0] when no sentence shares enough (then the whole passage stays the highlight).
 */
function citedSentence(passage, citing) {
  const want = bigrams(citing);
  if (want.size < 2) return [0, 0];
  let best = [0, 0];
  let bestShare = 0;
  const re = /[^。！？!?；;\n]+[。！？!?；;]?/g;
  for (let m = re.exec(passage); m; m = re.exec(passage)) {
    const have = bigrams(m[0]);
    let shared = 0;
    for (const b of want) if (have.has(b)) shared++;
    const share = shared / want.size;
    if (share > bestShare) {
      bestShare = share;
      best = [m.index, m.index + m[0].length];
    }
  }
  return bestShare >= 0.3 ? best : [0, 0];
}

async function openViewer(c, opener) {
  $('popover').hidden = true;
  state.lastFocus = opener || document.activeElement;
  const viewer = $('viewer');
  $('viewer-title').textContent = `《${c.title || c.reportId}》`;
  const meta = [sourceLabel(c) + (c.dateInferred ? t('viewer.inferred') : '') + placeLabel(c)];
  if (c.page) {
    // The original PDF, opened at the cited page by the browser's own viewer.
    meta.push(' · ', el('a', {
      id: 'viewer-pdf',
      href: `/api/reports/${encodeURIComponent(c.reportId)}/pdf#page=${c.page}`,
      target: '_blank',
      rel: 'noopener',
      text: t('viewer.pdf', { page: c.page }),
      onclick: (e) => openPdfWithKey(e, c),
    }));
  }
  $('viewer-meta').replaceChildren(...meta);
  $('viewer-text').textContent = t('viewer.loading');
  viewer.hidden = false;
  $('viewer-close').focus();
  try {
    const report = await reportText(c.reportId);
    const text = report.text;
    const span = text.slice(c.start, c.end);
    const mark = el('mark', { id: 'cited-span' });
    // Within the passage, the sentence the answer's own sentence says most of is marked again.
    const [from, to] = opener && opener.classList && opener.classList.contains('chip')
      ? citedSentence(span, citingSentence(opener)) : [0, 0];
    if (to > from) {
      mark.append(span.slice(0, from), el('mark', { id: 'cited-sentence', class: 'sentence', text: span.slice(from, to) }), span.slice(to));
    } else {
      mark.textContent = span;
    }
    $('viewer-text').replaceChildren(text.slice(0, c.start), mark, text.slice(c.end));
    ($('cited-sentence') || mark).scrollIntoView({ block: 'center' });
  } catch (e) {
    $('viewer-text').textContent = t('viewer.failed', { reason: e.message });
  }
}

/**
 * A server with keys answers a plain link with 401: the PDF is then fetched with the key and shown
 * from memory (a blob: address, opened at the cited page). Without a key the link is followed as is.
 */
async function openPdfWithKey(e, c) {
  if (!state.apiKey) return;
  e.preventDefault();
  // Opened at once, in the click, so that no pop-up blocker stops it; filled when the file is here.
  const tab = window.open('', '_blank');
  try {
    const res = await api(`/api/reports/${encodeURIComponent(c.reportId)}/pdf`);
    if (!res.ok) {
      const body = await res.json();
      throw new Error(refusalText(body, res.status));
    }
    const url = URL.createObjectURL(await res.blob());
    if (tab) tab.location.href = `${url}#page=${c.page}`;
  } catch (err) {
    if (tab) tab.close();
    showStatus(t('viewer.pdfFailed', { reason: err.message }));
  }
}

function closeViewer() {
  $('viewer').hidden = true;
  if (state.lastFocus && document.contains(state.lastFocus)) state.lastFocus.focus();
}

// ---------------------------------------------------------------- sources panel

function renderSources(sources) {
  const list = $('sources');
  list.replaceChildren();
  $('sources-count').textContent = sources.length ? `(${sources.length})` : '';
  for (const s of sources) {
    const item = el('button', { type: 'button', class: 'source' + (s.n > 0 ? ' cited' : ''), 'data-report': s.reportId },
      el('span', { class: 'score', text: Number(s.score).toFixed(3) }),
      el('span', { class: 'label', text: sourceLabel(s) }),
      s.n > 0 ? el('span', { class: 'badge', text: t('sources.cited', { n: s.n }) }) : null,
      el('div', { class: 'title', text: `《${s.title}》${placeLabel(s)}` }),
      el('div', { class: 'snippet', text: s.passage }));
    item.addEventListener('click', () => openViewer(s, item));
    list.append(el('li', {}, item));
  }
}

// ---------------------------------------------------------------- messages

/** How an answer was made, when the page should say it: a model's name, or a model that failed; nothing for the plain extractive answer (the header says it once). */
function modeLabel(a) {
  // An extractive answer after a failed model says so in its own note below.
  return a.mode === 'llm' ? t('mode.model', { name: a.model }) : '';
}

/** How the question narrowed the search, said in the page's language (an answer saved before has only the English note). */
function narrowedText(a) {
  const n = a.narrowed;
  if (!n || n.kind === 'NONE') return a.filterNote && !n ? a.filterNote : '';
  const sep = t('narrowed.and');
  if (n.kind === 'LEFT_OUT') {
    return t('narrowed.leftOut', { parts: n.parts.flatMap((p) => p.values).join(sep), brokers: n.requestedBrokers.join(sep) });
  }
  const parts = n.parts.map((p) => {
    if (p.what === 'DATES') return t('narrowed.dates', { from: p.values[0] || '…', to: p.values[1] || '…' });
    return t(p.what === 'BROKER' ? 'narrowed.broker' : 'narrowed.industry', { values: p.values.join(sep) });
  }).join(sep);
  const whose = n.parts.every((p) => p.named) ? t('narrowed.named') : t('narrowed.carried');
  return t(n.kind === 'RESTRICTED' ? 'narrowed.restricted' : 'narrowed.nothingMatched', { whose, parts });
}

/** The answer's text without its opening notice when an answer before it in the conversation showed the same one. */
function shownText(turn) {
  const a = turn.answer;
  if (!a.notice || !a.answer.startsWith(a.notice)) return a.answer;
  // A model that failed is said above the answer, once.
  if (a.degraded && a.mode !== 'llm') return a.answer.slice(a.notice.length).trimStart();
  const at = state.conversation.indexOf(turn);
  const before = state.conversation.slice(0, at < 0 ? state.conversation.length : at)
    .filter((x) => x.role === 'assistant' && x.answer);
  const seen = before.some((x) => x.answer.notice === a.notice);
  return seen ? a.answer.slice(a.notice.length).trimStart() : a.answer;
}

/** A citation as a Markdown footnote's text: broker · date · title, and its page. */
function footnote(c) {
  return `${sourceLabel(c)}${c.dateInferred ? t('cite.inferredShort') : ''} · 《${c.title}》${c.page ? t('cite.page', { page: c.page }) : ''}`;
}

/** An answer as Markdown, its [n] made footnote references and its citations the footnotes. */
function markdownOf(a, text = a.answer, prefix = '') {
  const body = text.replace(/\[(\d{1,3})\]/g, (m, n) => (a.citations.some((c) => c.n === Number(n)) ? `[^${prefix}${n}]` : m));
  const notes = a.citations.map((c) => `[^${prefix}${c.n}]: ${footnote(c)}`);
  return body + (notes.length ? '\n\n' + notes.join('\n') : '');
}

/** What 复制 puts on the clipboard: the answer as Markdown with footnote citations. */
function copyText(a) {
  return markdownOf(a);
}

/** The whole conversation as Markdown: each question a heading, each answer with its footnotes (numbered per answer). */
function conversationMarkdown(c) {
  const out = [`# ${conversationTitle(c)}`];
  let answerNo = 0;
  for (const turn of c.turns) {
    if (turn.role === 'user') out.push(`## ${turn.content.replace(/\s+/g, ' ')}`);
    else if (turn.answer) {
      answerNo++;
      out.push(markdownOf(turn.answer, turn.answer.answer, answerNo + '-'));
    } else if (turn.error) out.push(`> ${turn.error}`);
  }
  return out.join('\n\n') + '\n';
}

/** Downloads the current conversation as a Markdown file. */
function exportConversation() {
  const c = currentConversation();
  const blob = new Blob([conversationMarkdown(c)], { type: 'text/markdown;charset=utf-8' });
  const link = el('a', { href: URL.createObjectURL(blob), download: `${conversationTitle(c).replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || 'reportqa'}.md` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

const VERDICTS = ['helpful', 'wrong', 'wrong_citation'];
/** Most characters of an answer sent with a verdict (a request body is at most 64 KB). */
const FEEDBACK_ANSWER_CHARS = 12000;

/** The reader's verdict buttons under an answer; a verdict given is said instead. */
function feedbackBar(turn) {
  const bar = el('div', { class: 'feedback', role: 'group', 'aria-label': t('feedback.label') });
  if (turn.feedback) {
    bar.append(el('span', { class: 'feedback-given', text: t('feedback.thanks', { verdict: t('feedback.' + turn.feedback) }) }));
    return bar;
  }
  for (const v of VERDICTS) {
    bar.append(el('button', { type: 'button', class: 'verdict', 'data-verdict': v, text: t('feedback.' + v), onclick: () => sendFeedback(turn, v, bar) }));
  }
  return bar;
}

/** Sends a verdict on an answer to the server, which keeps it in its data folder. */
async function sendFeedback(turn, verdict, bar) {
  const a = turn.answer;
  // One verdict a click: the buttons wait for the server.
  for (const b of bar.querySelectorAll('button')) b.disabled = true;
  try {
    const res = await api('/api/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        verdict,
        question: turn.question || '',
        // Bounded as the server bounds it: what matters is which answer it was.
        answer: a.answer.slice(0, FEEDBACK_ANSWER_CHARS),
        citations: a.citations.map((c) => ({
          n: c.n, reportId: c.reportId, passageId: ((a.sources || []).find((s) => s.n === c.n) || {}).passageId || '',
        })),
        mode: a.mode || '',
        model: a.model || '',
      }),
    });
    if (!res.ok) throw new Error(refusalText(await res.json(), res.status));
    turn.feedback = verdict;
    save();
    bar.replaceWith(feedbackBar(turn));
  } catch (err) {
    for (const b of bar.querySelectorAll('button')) b.disabled = false;
    bar.querySelector('.feedback-error')?.remove();
    bar.append(el('span', { class: 'feedback-error', role: 'alert', text: t('feedback.failed', { reason: err.message }) }));
  }
}

/**
 * Puts a question back in the box to be edited; sending it replaces that question, its answer and
 * what followed them.
 */
function editQuestion(turn) {
  if (state.controller) return;
  state.editing = turn;
  $('question').value = turn.content;
  $('question').focus();
  renderConversation();
}

async function copyAnswer(a, button) {
  const text = copyText(a);
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    const area = el('textarea', { class: 'copy-buffer' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  button.textContent = t('answer.copied');
  button.dataset.copied = text;
  setTimeout(() => { button.textContent = t('answer.copy'); }, 1500);
}

function renderUser(turn) {
  const li = el('li', { class: 'msg user' + (state.editing === turn ? ' editing' : '') }, el('span', { class: 'text', text: turn.content }));
  if (turn.role === 'user' && state.conversation.includes(turn)) {
    li.append(el('button', { type: 'button', class: 'edit-question', text: t('answer.edit'), onclick: () => editQuestion(turn) }));
  }
  return li;
}

function renderAssistant(turn) {
  const li = el('li', { class: 'msg assistant' });
  fillAssistant(li, turn);
  return li;
}

function fillAssistant(li, turn) {
  li.replaceChildren();
  li.classList.toggle('abstained', !!(turn.answer && turn.answer.abstained));
  li.classList.toggle('done', !!turn.answer);
  if (turn.answer) {
    const a = turn.answer;
    const copy = el('button', { type: 'button', class: 'copy', text: t('answer.copy') });
    copy.addEventListener('click', () => copyAnswer(a, copy));
    const again = turn.question && isLast(turn)
      ? el('button', { type: 'button', class: 'regenerate', text: t('answer.regenerate'), onclick: () => retryTurn(turn) })
      : null;
    // A follow-up is searched as a standalone query: show it, so the reader knows what was looked up.
    const rewritten = a.query && turn.question && a.query.trim() !== turn.question.trim();
    const mode = modeLabel(a);
    const narrowed = narrowedText(a);
    li.append(el('div', { class: 'meta' }, mode ? el('span', { class: 'answer-mode', text: mode }) : null,
      narrowed ? el('span', { class: 'narrowed', text: narrowed }) : null,
      rewritten ? el('span', { class: 'query', text: t('answer.searchedAs', { query: a.query }) }) : null,
      el('span', { class: 'actions' }, again, copy)));
    // Why the model's answer is not shown: a sentence, the server's own words (often an error body) folded away.
    if (a.degraded) {
      li.append(el('div', { class: 'degraded', role: 'note' },
        el('span', { text: t(a.mode === 'llm' ? 'answer.noteDegraded' : 'answer.modelFailed') }),
        el('details', {}, el('summary', { text: t('answer.details') }), el('code', { class: 'reason', text: a.degraded }))));
    }
    const body = el('div', { class: 'body' });
    body.append(chipify(markdown(shownText(turn)), a.citations));
    li.append(body, feedbackBar(turn));
    // Follow-ups under the latest answer only: older ones would ask about a thread already left.
    const next = turn === state.conversation[state.conversation.length - 1] ? followUps(a) : [];
    if (next.length) {
      li.append(el('div', { class: 'follow-ups', role: 'group', 'aria-label': t('suggest.label') },
        ...next.map((q) => el('button', { type: 'button', class: 'follow-up', text: q, onclick: () => { if (!state.controller) ask(q); } }))));
    }
  } else if (turn.error) {
    if (turn.partial) li.append(el('div', { class: 'body streaming-stopped', text: turn.partial }));
    const retry = turn.question && isLast(turn)
      ? el('button', { type: 'button', class: 'retry', text: t('answer.retry'), onclick: () => retryTurn(turn) })
      : null;
    li.append(el('div', { class: 'error', role: 'alert' }, el('span', { text: turn.error }), retry));
  } else {
    li.append(el('div', { class: 'meta', text: t('answer.working') }), el('div', { class: 'body streaming', text: turn.partial || '' }));
  }
}

/** How many of the library's latest reports the empty page suggests asking about. */
const SUGGESTED_REPORTS = 3;

/**
 * Questions the library itself suggests: about its latest reports (their titles, what they
 * recommend) and what its brokers rate; a fixed pair while it has not loaded.
 */
function suggestedQuestions() {
  const reports = [...state.reports.values()]
    .filter((r) => r.title)
    // Latest first by the date a report is known to be no earlier than (约 2024-03 counts as March 1st).
    .sort((a, b) => (b.dateEarliest || '').localeCompare(a.dateEarliest || ''));
  if (!reports.length) return [t('suggest.fallback1'), t('suggest.fallback2')];
  const out = reports.slice(0, SUGGESTED_REPORTS).map((r) => t('suggest.report', { title: r.title }));
  const latest = reports[0];
  if (latest.broker) out.push(t('suggest.recommends', { broker: latest.broker }));
  const rated = reports.find((r) => r.rating && r.industry && r.broker);
  if (rated) out.push(t('suggest.rating', { broker: rated.broker, industry: rated.industry }));
  return [...new Set(out)];
}

function emptyState() {
  return el('li', { class: 'empty' }, el('p', { text: t('empty.intro') }),
    ...suggestedQuestions().map((q) => el('button', { type: 'button', class: 'example', text: q, onclick: () => { if (!state.controller) ask(q); } })));
}

/** Two or three questions to ask next, from what the answer cited: its report's advice, its risks, other brokers' view. */
function followUps(a) {
  const first = a.citations[0];
  if (!first || a.abstained) return [];
  const out = [t('suggest.advice', { broker: first.broker || t('cite.unknownBroker'), title: first.title })];
  out.push(t('suggest.risks'));
  const others = [...new Set([...state.reports.values()].map((r) => r.broker).filter((b) => b && b !== first.broker))];
  if (others.length) out.push(t('suggest.others'));
  return out;
}

function renderConversation() {
  const list = $('messages');
  list.replaceChildren(...state.conversation.map((turn) => (turn.role === 'user' ? renderUser(turn) : renderAssistant(turn))));
  if (!state.conversation.length) list.append(emptyState());
  const last = [...state.conversation].reverse().find((turn) => turn.role === 'assistant' && turn.answer);
  renderSources(last ? last.answer.sources : []);
  list.scrollTop = list.scrollHeight;
}

// ---------------------------------------------------------------- asking

function history() {
  const turns = [];
  // A question whose answer failed is left out: the conversation the server sees alternates.
  state.conversation.forEach((turn, i) => {
    const reply = state.conversation[i + 1];
    if (turn.role === 'user' && reply && reply.answer) {
      turns.push({ role: 'user', content: turn.content }, { role: 'assistant', content: reply.answer.answer });
    }
  });
  return turns.slice(-HISTORY_TURNS);
}

function requestFilters() {
  const f = {};
  if (state.filters.brokers.length) f.brokers = state.filters.brokers;
  if (state.filters.from) f.from = state.filters.from;
  if (state.filters.to) f.to = state.filters.to;
  const reports = facetReports();
  if (reports) f.reports = reports;
  return f;
}

function setBusy(busy) {
  $('send').disabled = busy;
  $('stop').hidden = !busy;
  $('question').setAttribute('aria-busy', String(busy));
}

async function ask(question) {
  if (!canAsk(question)) return;
  // Asked some other way (a suggestion, a follow-up): an edit waiting in the box is given up.
  state.editing = null;
  showStatus('');
  const body = JSON.stringify({ question, history: history(), filters: requestFilters() });
  const asked = { role: 'user', content: question };
  state.conversation.push(asked);
  const turn = { role: 'assistant', partial: '', question };
  state.conversation.push(turn);
  const current = currentConversation();
  if (current) {
    current.updated = Date.now();
    // The conversation asked in comes first in the panel.
    state.conversations = [current, ...state.conversations.filter((c) => c !== current)];
  }
  renderConversations();
  const list = $('messages');
  list.querySelector('.empty')?.remove();
  // What to ask next, and redoing, were for the answer before: this question moves on.
  list.querySelectorAll('.follow-ups, .regenerate, .retry').forEach((e) => e.remove());
  list.append(renderUser(asked));
  const li = renderAssistant(turn);
  list.append(li);
  state.followAnswer = true;
  state.followedTo = null;
  followAnswer();
  const controller = new AbortController();
  state.controller = controller;
  setBusy(true);
  try {
    let res;
    try {
      res = await api('/api/ask/stream', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body,
        signal: controller.signal,
      });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new Error(t('status.unreachable', { reason: e.message }));
    }
    if (!res.ok) {
      let message = t('status.httpRefused', { status: res.status });
      try {
        message = refusalText(await res.json(), res.status);
      } catch (ignored) { /* the status line says enough */ }
      throw new Error(message);
    }
    await readStream(res, turn, li);
    if (!turn.answer) throw new Error(t('answer.cutOff'));
  } catch (e) {
    turn.stopped = e.name === 'AbortError';
    turn.error = turn.stopped ? t('answer.stopped') : e.message;
    fillAssistant(li, turn);
    // Shown once, in the answer's place, with 重试; the question is back in the box to edit or send again.
    if (!turn.stopped && !$('question').value.trim()) $('question').value = question;
  } finally {
    delete turn.partial;
    delete turn.reset;
    delete turn.sourceCount;
    state.controller = null;
    setBusy(false);
    save();
  }
}

/** Keeps the answer being written in view, unless the reader scrolled up to read something else. */
function followAnswer() {
  const list = $('messages');
  // Scrolled up since the last time the answer pulled the list down: the reader is reading above.
  // (Checked here too: the scroll event that says so may come after the next piece of the answer.)
  if (state.followAnswer && state.followedTo != null && list.scrollTop < state.followedTo - 4) state.followAnswer = false;
  if (!state.followAnswer) return;
  list.scrollTop = list.scrollHeight;
  state.followedTo = list.scrollTop;
  // On a phone the page itself scrolls too: the composer stays in view with the answer's end.
  $('ask-form').scrollIntoView({ block: 'nearest' });
}

/** Asks the last question again in its place (重试 after a failure, 重新生成 after an answer): the new answer replaces the old. */
/** Whether {@code turn} is the conversation's last (what 重试 and 重新生成 may replace). */
function isLast(turn) {
  return state.conversation[state.conversation.length - 1] === turn;
}

/**
 * Whether a question can be asked under the chosen filters; when no report is left, says so (and
 * the question waits in the box) — checked before any turn is replaced.
 */
function canAsk(question) {
  const narrowed = facetReports();
  if (narrowed && !narrowed.length) {
    showStatus(t('filters.nothingLeft'));
    if (!$('question').value.trim()) $('question').value = question;
    return false;
  }
  return true;
}

function retryTurn(turn) {
  if (state.controller || !canAsk(turn.question)) return;
  const at = state.conversation.indexOf(turn);
  if (at > 0) state.conversation.splice(at - 1, 2);
  renderConversation();
  if ($('question').value.trim() === turn.question.trim()) $('question').value = '';
  ask(turn.question);
}

/** A citation group as a model writes it: [2,1], 【3】, [1-3] (the server's CitationMapper reads the same). */
const CITE_GROUP = /[\[【［〔]\s*(\d{1,3}(?:\s*(?:[,，、;；]|-|–|~)\s*\d{1,3})*)\s*[\]】］〕]/g;
/** A group still being written at the end of the text so far. */
const CITE_OPEN = /[\[【［〔][\d\s,，、;；\-–~]*$/;

/**
 * The model's text so far with its citations numbered as the finished answer will number them: by
 * first use, only passages it was given (1..count), each group written [1][2]; a group still being
 * written is held back. So numbers never jump when the answer is done.
 */
function streamingText(raw, count) {
  const order = new Map();
  const text = raw.replace(CITE_OPEN, '');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(CITE_GROUP)) {
    out += text.slice(last, m.index);
    for (const part of m[1].split(/\s*[,，、;；]\s*/)) {
      const [a, b = a] = part.split(/\s*(?:-|–|~)\s*/).map(Number);
      for (let i = a; i <= Math.min(b, a + 20); i++) {
        if (i < 1 || i > count) continue;
        if (!order.has(i)) order.set(i, order.size + 1);
        const marker = `[${order.get(i)}]`;
        // As the server: a marker right after the same one (from this group or the one before) is said once.
        if (!out.endsWith(marker)) out += marker;
      }
    }
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

async function readStream(res, turn, li) {
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const bodyEl = () => li.querySelector('.body');
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new Error(t('answer.broken', { reason: e.message }));
    }
    if (chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let split;
    while ((split = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, split);
      buffer = buffer.slice(split + 2);
      let name = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).trim();
      }
      if (!data) continue;
      const payload = JSON.parse(data);
      if (name === EVENTS.SOURCES) {
        turn.sourceCount = payload.sources.length;
        renderSources(payload.sources);
      } else if (name === EVENTS.TOKEN) {
        turn.partial += payload.text;
        // A model's text cites passages as it numbers them; extractive text comes numbered already.
        const shown = state.modelConfigured && !turn.reset ? streamingText(turn.partial, turn.sourceCount || 0) : turn.partial;
        if (bodyEl()) bodyEl().textContent = shown;
        followAnswer();
      } else if (name === EVENTS.RESET) {
        turn.partial = '';
        turn.reset = true;
        if (bodyEl()) bodyEl().textContent = '';
        li.querySelector('.meta').textContent = t('answer.modelReset');
      } else if (name === EVENTS.DONE) {
        turn.answer = payload;
        fillAssistant(li, turn);
        renderSources(payload.sources);
        followAnswer();
      } else if (name === EVENTS.ERROR) {
        throw new Error(t('answer.serverError', { reason: payload.error ? refusalText(payload, 500) : t('answer.unknownError') }));
      }
    }
  }
}

// ---------------------------------------------------------------- filters

function renderFilters() {
  const active = $('active-filters');
  active.replaceChildren();
  const remove = (label, fn) => active.append(el('button', {
    type: 'button', class: 'filter-chip', 'aria-label': t('filters.removeLabel', { label }), text: label + ' ×', onclick: () => { fn(); syncFilterInputs(); save(); renderFilters(); },
  }));
  for (const b of state.filters.brokers) remove(t('filters.broker', { name: b }), () => { state.filters.brokers = state.filters.brokers.filter((x) => x !== b); });
  if (state.filters.from || state.filters.to) {
    remove(t('filters.range', { from: state.filters.from || '…', to: state.filters.to || '…' }), () => { state.filters.from = ''; state.filters.to = ''; });
  }
  for (const id of state.filters.reports) {
    const r = state.reports.get(id);
    remove(t('filters.report', { title: r ? r.title || id : id }), () => { state.filters.reports = state.filters.reports.filter((x) => x !== id); });
  }
  for (const facet of FACETS) {
    for (const v of state.filters[facet.key]) {
      remove(t('filters.facet.' + facet.key, { value: v }), () => { state.filters[facet.key] = state.filters[facet.key].filter((x) => x !== v); });
    }
  }
}

/**
 * Filters by what a report's metadata says (industry, rating, analyst): the server filters by
 * report, so each becomes the reports that have it — any value within a facet, every facet chosen.
 */
const FACETS = [
  { key: 'industries', list: 'industry-list', of: (r) => (r.industry ? [r.industry] : []) },
  { key: 'ratings', list: 'rating-list', of: (r) => (r.rating ? [r.rating] : []) },
  { key: 'analysts', list: 'analyst-list', of: (r) => r.analysts || [] },
];

/** The report ids the chosen facets and reports allow, or null when none is chosen (every report). */
function facetReports() {
  const chosen = FACETS.filter((f) => state.filters[f.key].length);
  if (!chosen.length) return state.filters.reports.length ? state.filters.reports : null;
  let ids = [...state.reports.values()]
    .filter((r) => chosen.every((f) => f.of(r).some((v) => state.filters[f.key].includes(v))))
    .map((r) => r.id);
  if (state.filters.reports.length) ids = ids.filter((id) => state.filters.reports.includes(id));
  return ids;
}

/** A facet's checkboxes: each value the library's reports have, with how many have it. */
function renderFacet(facet, reports) {
  const counts = new Map();
  for (const r of reports) for (const v of facet.of(r)) counts.set(v, (counts.get(v) || 0) + 1);
  const values = [...counts.keys()].sort((a, b) => a.localeCompare(b, 'zh'));
  const list = $(facet.list);
  list.replaceChildren(...values.map((v) => {
    const box = el('input', { type: 'checkbox', value: v, name: facet.key });
    box.checked = state.filters[facet.key].includes(v);
    box.addEventListener('change', () => {
      state.filters[facet.key] = [...list.querySelectorAll('input:checked')].map((x) => x.value);
      save();
      renderFilters();
    });
    return el('label', {}, box, ` ${v} (${counts.get(v)})`);
  }));
  if (!values.length) list.textContent = t('filters.none');
  state.filters[facet.key] = state.filters[facet.key].filter((v) => values.includes(v));
}

function syncFilterInputs() {
  for (const box of document.querySelectorAll('#broker-list input')) box.checked = state.filters.brokers.includes(box.value);
  for (const facet of FACETS) {
    for (const box of document.querySelectorAll(`#${facet.list} input`)) box.checked = state.filters[facet.key].includes(box.value);
  }
  $('from').value = state.filters.from || '';
  $('to').value = state.filters.to || '';
}

function renderBrokerList(reports) {
  const brokers = [...new Set(reports.map((r) => r.broker).filter(Boolean))].sort();
  const list = $('broker-list');
  list.replaceChildren(...brokers.map((b) => {
    const box = el('input', { type: 'checkbox', value: b, name: 'broker' });
    box.addEventListener('change', () => {
      state.filters.brokers = [...document.querySelectorAll('#broker-list input:checked')].map((x) => x.value);
      save();
      renderFilters();
    });
    const count = reports.filter((r) => r.broker === b).length;
    return el('label', {}, box, ` ${b} (${count})`);
  }));
  if (!brokers.length) list.textContent = t('filters.none');
  state.filters.brokers = state.filters.brokers.filter((b) => brokers.includes(b));
  for (const facet of FACETS) renderFacet(facet, reports);
  syncFilterInputs();
  renderFilters();
}

// ---------------------------------------------------------------- library

/** A file's state (QUEUED, SEARCHABLE …) as the page says it. */
function stateLabel(s) {
  return t('state.' + s);
}

function openLibrary() {
  state.lastFocus = document.activeElement;
  $('library').hidden = false;
  renderLibrary();
  $('library-close').focus();
}

function closeLibrary() {
  $('library').hidden = true;
  if (state.lastFocus && document.contains(state.lastFocus)) state.lastFocus.focus();
}

/** What a report shows in the library's column {@code key}, as text to sort and filter by. */
function libraryCell(r, key) {
  if (key === 'date') return r.dateEarliest || r.dateLatest || '';
  if (key === 'analysts') return (r.analysts || []).join('、');
  // Counts sort as numbers: padded, they compare as text the way they compare as numbers.
  if (key === 'pages' || key === 'passages') return String(r[key] || 0).padStart(7, '0');
  if (key === 'state') return reportState(r.id).label;
  return r[key] || '';
}

/** A report's state in the library: an upload, edit or re-index under way or failed, else searchable. */
function reportState(id) {
  const u = state.uploadStates.get(id);
  if (u && !['SEARCHABLE', 'REMOVED'].includes(u.state)) {
    return { key: u.state.toLowerCase(), label: stateLabel(u.state), reason: u.reason || '' };
  }
  return { key: 'searchable', label: stateLabel('SEARCHABLE'), reason: '' };
}

function renderLibrary() {
  const needle = $('library-filter').value.trim().toLowerCase();
  const keys = ['broker', 'date', 'title', 'analysts', 'rating', 'industry', 'reportType'];
  const { key, down } = state.librarySort;
  const rows = [...state.reports.values()]
    .filter((r) => !needle || keys.some((k) => libraryCell(r, k).toLowerCase().includes(needle)) || r.date.includes(needle))
    .sort((a, b) => libraryCell(a, key).localeCompare(libraryCell(b, key), 'zh') * (down ? -1 : 1));
  for (const b of document.querySelectorAll('#library-table th button')) {
    b.parentElement.setAttribute('aria-sort', b.dataset.sort === key ? (down ? 'descending' : 'ascending') : 'none');
  }
  $('library-table').tBodies[0].replaceChildren(...rows.map((r) => el('tr', { 'data-id': r.id },
    el('td', { text: r.broker || t('cite.unknownBroker') }),
    el('td', { text: r.date + (r.dateInferred ? t('cite.inferredShort') : ''), title: r.dateInferred ? t('cite.inferredTitle') : t('cite.statedTitle') }),
    el('td', { text: r.title || r.id }),
    el('td', { text: libraryCell(r, 'analysts') }),
    el('td', { text: r.rating }),
    el('td', { text: r.industry }),
    el('td', { text: r.reportType }),
    el('td', { class: 'count', text: r.pages ? String(r.pages) : '—', title: r.pages ? t('library.pagesTitle') : t('library.noPages') }),
    el('td', { class: 'count', text: String(r.passages || 0) }),
    libraryState(reportState(r.id)),
    el('td', { class: 'row-actions' },
      el('button', { type: 'button', class: 'ask-report', text: t('library.ask'), onclick: () => askAbout(r) }),
      el('button', { type: 'button', class: 'edit-report', text: t('library.edit'), onclick: () => editMetadata(r) }),
      el('button', { type: 'button', class: 'reindex-report', text: t('library.reindex'), onclick: () => reindexReport(r) }),
      el('button', { type: 'button', class: 'delete-report', text: t('library.delete'), onclick: () => deleteReport(r) })))));
  // Files the library could not read: listed with why, and removable (the server keeps them out of answers).
  const failed = state.failedFiles
    .filter((f) => !state.reports.has(f.reportId))
    .filter((f) => !needle || f.reportId.toLowerCase().includes(needle) || f.reason.toLowerCase().includes(needle))
    .map((f) => el('tr', { 'data-id': f.reportId, class: 'failed-file' },
      el('td', { colspan: '7', text: f.reportId }),
      el('td', { class: 'count', text: '—' }),
      el('td', { class: 'count', text: '0' }),
      libraryState({ key: 'failed', label: stateLabel('FAILED'), reason: f.reason }),
      el('td', { class: 'row-actions' },
        el('button', { type: 'button', class: 'delete-report', text: t('library.delete'), onclick: () => deleteReport({ id: f.reportId, title: f.reportId }) }))));
  $('library-table').tBodies[0].append(...failed);
  if (!rows.length && !failed.length) $('library-table').tBodies[0].replaceChildren(el('tr', {}, el('td', { colspan: '11', text: t('library.empty') })));
}

function libraryState(s) {
  return el('td', { class: 'state ' + s.key, title: s.reason }, s.label, s.reason ? el('span', { class: 'state-reason', text: '：' + s.reason }) : '');
}

/** Has the server read a report again and index it anew (its file unchanged). */
function reindexReport(r) {
  return reportAction(r, '/reindex', 'POST', 'library.reindexFailed');
}

/**
 * Sends one report's action (re-index, delete) and follows its state until settled; a refusal is
 * shown with the server's reason after {@code failed}.
 */
async function reportAction(r, suffix, method, failed) {
  try {
    const res = await api(`/api/reports/${encodeURIComponent(r.id)}${suffix}`, { method });
    const body = await res.json();
    if (!res.ok) throw new Error(refusalText(body, res.status));
    renderUploads([body]);
    await followUploads([r.id]);
  } catch (err) {
    $('upload-states').replaceChildren(el('li', { class: 'upload failed', text: t(failed, { reason: err.message }) }));
  }
}

/** Opens the form that corrects a report's metadata (written to its sidecar, the report re-indexed). */
function editMetadata(r) {
  const form = $('edit-form');
  form.dataset.id = r.id;
  $('edit-title').textContent = t('edit.titleOf', { title: r.title || r.id });
  form.elements.broker.value = r.broker || '';
  form.elements.title.value = r.title || '';
  form.elements.date.value = r.dateInferred ? '' : (r.dateEarliest || '');
  form.elements.analysts.value = (r.analysts || []).join('、');
  form.elements.rating.value = r.rating || '';
  form.elements.industry.value = r.industry || '';
  form.elements.reportType.value = r.reportType || '';
  form.hidden = false;
  form.elements.broker.focus();
}

async function saveMetadata(e) {
  e.preventDefault();
  const form = $('edit-form');
  const id = form.dataset.id;
  const r = state.reports.get(id) || {};
  const fields = {};
  for (const name of ['broker', 'title', 'rating', 'industry', 'reportType']) {
    if (form.elements[name].value.trim() !== (r[name] || '')) fields[name] = form.elements[name].value.trim();
  }
  const analysts = form.elements.analysts.value.split(/[、,，]/).map((a) => a.trim()).filter(Boolean);
  if (analysts.join('、') !== (r.analysts || []).join('、')) fields.analysts = analysts;
  if (form.elements.date.value && form.elements.date.value !== (r.dateInferred ? '' : r.dateEarliest)) fields.date = form.elements.date.value;
  form.hidden = true;
  if (!Object.keys(fields).length) return;
  try {
    const res = await api(`/api/reports/${encodeURIComponent(id)}/metadata`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fields),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(refusalText(body, res.status));
    renderUploads([body]);
    await followUploads([id]);
  } catch (err) {
    $('upload-states').replaceChildren(el('li', { class: 'upload failed', text: t('library.saveFailed', { reason: err.message }) }));
  }
}

/** Scopes the chat to one report. */
function askAbout(r) {
  state.filters.reports = [r.id];
  save();
  renderFilters();
  closeLibrary();
  $('question').focus();
}

function renderUploads(uploads) {
  $('upload-states').replaceChildren(...uploads.map((u) => el('li', { class: 'upload ' + u.state.toLowerCase(), 'data-id': u.id },
    `${u.file}：${stateLabel(u.state)}`, u.reason ? `（${u.reason}）` : '')));
}

/** Polls the files' states until none is queued, indexing or removing, then reloads the library. */
async function followUploads(ids) {
  for (;;) {
    const body = await apiJson('/api/uploads');
    const mine = body.uploads.filter((u) => ids.includes(u.id));
    renderUploads(mine);
    if (mine.every((u) => !['QUEUED', 'EXTRACTING', 'EMBEDDING', 'REMOVING'].includes(u.state))) break;
    await new Promise((r) => setTimeout(r, 400));
  }
  await loadServerState();
}

async function uploadReports(e) {
  e.preventDefault();
  const files = [...$('upload-files').files];
  if (!files.length) return;
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  $('upload-send').disabled = true;
  try {
    const res = await api('/api/reports', { method: 'POST', body: form });
    const body = await res.json();
    if (!res.ok) throw new Error(refusalText(body, res.status));
    renderUploads(body.uploads);
    $('upload-files').value = '';
    await followUploads(body.uploads.map((u) => u.id));
  } catch (err) {
    $('upload-states').replaceChildren(el('li', { class: 'upload failed', text: t('library.uploadFailed', { reason: err.message }) }));
  } finally {
    $('upload-send').disabled = false;
  }
}

function deleteReport(r) {
  if (!window.confirm(t('library.confirmDelete', { title: r.title || r.id }))) return undefined;
  return reportAction(r, '', 'DELETE', 'library.deleteFailed');
}

// ---------------------------------------------------------------- start

/** The JSON body of an API answer; a refusal is an error with the server's message. */
async function apiJson(path) {
  const res = await api(path);
  const body = await res.json();
  if (!res.ok) {
    const code = body.error ? body.error.code : '';
    const retryAfter = Number(res.headers.get('Retry-After')) || 5;
    throw Object.assign(new Error(refusalText(body, res.status)), { refused: true, code, retryAfter });
  }
  return body;
}

async function loadServerState() {
  try {
    // Reports first: when the server wants a key this asks for it, and health then tells everything.
    const reports = await apiJson('/api/reports');
    const health = await apiJson('/api/health');
    const uploads = await apiJson('/api/uploads');
    state.reports = new Map(reports.map((r) => [r.id, r]));
    if (!state.conversation.length) renderConversation();
    state.uploadStates = new Map(uploads.uploads.map((u) => [u.id, u]));
    state.failedFiles = (health.corpus && health.corpus.failures) || [];
    state.filters.reports = state.filters.reports.filter((id) => state.reports.has(id));
    renderLibrary();
    if (state.waitedForLibrary) showStatus('');
    renderBrokerList(reports);
    if (health.model) {
      state.modelConfigured = !!health.model.configured;
      const mode = $('mode');
      mode.textContent = health.model.configured ? t('mode.model', { name: health.model.name }) : t('mode.extractive');
      mode.classList.toggle('extractive', !health.model.configured);
    }
  } catch (e) {
    if (e.code === 'starting') {
      // The server listens while its library opens (indexing may take minutes): said, and tried again.
      state.waitedForLibrary = true;
      showStatus(t('status.loading'));
      setTimeout(loadServerState, e.retryAfter * 1000);
      return;
    }
    showStatus(e.refused ? e.message : t('status.unreachable', { reason: e.message }));
  }
}

function bind() {
  const q = $('question');
  // Another tab kept conversations: list them here too.
  window.addEventListener('storage', (e) => {
    if (e.key === STORAGE.conversations && othersConversations().length) renderConversations();
  });
  $('lang').addEventListener('click', switchLanguage);
  // Reading back up stops the answer being written from pulling the list down; the end resumes it.
  $('messages').addEventListener('scroll', () => {
    const list = $('messages');
    state.followAnswer = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }, { passive: true });
  $('ask-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const question = q.value.trim();
    if (!question || state.controller) return;
    if (!canAsk(question)) return;
    q.value = '';
    if (state.editing) {
      // The edited question replaces the one it was, its answer and everything after them.
      const at = state.conversation.indexOf(state.editing);
      if (at >= 0) state.conversation.splice(at);
      state.editing = null;
      renderConversation();
    }
    ask(question);
  });
  $('export-chat').addEventListener('click', exportConversation);
  $('print-chat').addEventListener('click', () => window.print());
  q.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.editing) {
      state.editing = null;
      q.value = '';
      renderConversation();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('ask-form').requestSubmit();
    }
  });
  $('stop').addEventListener('click', () => state.controller && state.controller.abort());
  $('new-chat').addEventListener('click', () => {
    startConversation();
    q.focus();
  });
  $('toggle-filters').addEventListener('click', () => {
    const open = $('filters').classList.toggle('open');
    $('toggle-filters').setAttribute('aria-expanded', String(open));
  });
  $('clear-filters').addEventListener('click', () => {
    state.filters = { brokers: [], from: '', to: '', reports: [], industries: [], ratings: [], analysts: [] };
    syncFilterInputs();
    save();
    renderFilters();
  });
  for (const id of ['from', 'to']) {
    $(id).addEventListener('change', () => {
      state.filters[id] = $(id).value;
      save();
      renderFilters();
    });
  }
  $('key-form').addEventListener('submit', submitKey);
  $('viewer-close').addEventListener('click', closeViewer);
  $('open-library').addEventListener('click', openLibrary);
  $('library-close').addEventListener('click', closeLibrary);
  $('library').addEventListener('click', (e) => { if (e.target === $('library')) closeLibrary(); });
  $('library-filter').addEventListener('input', renderLibrary);
  $('upload-form').addEventListener('submit', uploadReports);
  $('edit-form').addEventListener('submit', saveMetadata);
  $('edit-cancel').addEventListener('click', () => { $('edit-form').hidden = true; });
  for (const b of document.querySelectorAll('#library-table th button')) {
    b.addEventListener('click', () => {
      const key = b.dataset.sort;
      state.librarySort = { key, down: state.librarySort.key === key ? !state.librarySort.down : false };
      renderLibrary();
    });
  }
  $('viewer').addEventListener('click', (e) => { if (e.target === $('viewer')) closeViewer(); });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      if (!$('viewer').hidden) closeViewer();
      else if (!$('library').hidden) closeLibrary();
      $('popover').hidden = true;
    }
  });
  $('popover').addEventListener('mouseleave', hidePopoverSoon);
}

/** Puts the page's fixed text in its language (the rest is drawn with t() as it is drawn). */
function applyLanguage() {
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const attr of ['placeholder', 'title', 'aria-label']) {
    for (const e of document.querySelectorAll(`[data-i18n-${attr}]`)) e.setAttribute(attr, t(e.getAttribute(`data-i18n-${attr}`)));
  }
  // The switch is named in the language it switches to.
  $('lang').lang = language === 'zh' ? 'en' : 'zh-CN';
}

/** Switches between Chinese and English, remembered in this browser. */
function switchLanguage() {
  language = language === 'zh' ? 'en' : 'zh';
  try {
    localStorage.setItem('reportqa.lang', JSON.stringify(language));
  } catch (e) { /* not remembered: the page still switches */ }
  applyLanguage();
  renderFilters();
  // The answer being written is drawn in its element: redrawn in the new language once done.
  if (!state.controller) renderConversation();
  renderConversations();
  loadServerState();
}

document.addEventListener('DOMContentLoaded', () => {
  applyLanguage();
  bind();
  syncFilterInputs();
  renderFilters();
  renderConversation();
  renderConversations();
  loadServerState();
  $('question').focus();
});
