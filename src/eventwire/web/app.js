// eventwire page: reads the same JSON API as any client (/api/...).
// Text from articles is only ever inserted with textContent, never as HTML.
"use strict";

const PAGE_SIZE = 25;
const MAP_EVENTS = 500;
const COLORS = { coop: "#2e8b57", conflict: "#c0392b", mixed: "#8a8a8a" };
const state = { offset: 0, total: 0, filters: {}, selected: null };

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body && body.error) || { code: "http_" + response.status, message: response.statusText };
    throw Object.assign(new Error(error.message), { code: error.code, details: error.details, status: response.status });
  }
  return body;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) search.set(key, value);
  }
  const text = search.toString();
  return text ? "?" + text : "";
}

// --- highlighting -----------------------------------------------------------

// The record gives the trigger words' offsets (`predicate`, "shot down"):
// that is the action shown. Records stored before the coder kept them name
// only the verb pattern that fired (rule "verb:shoot.down"); for those the
// action is the pattern's words found in the evidence outside the actors
// ("shot down": each word must start like the pattern's word), else the
// stretch between the two actors (or beside the only one): the evidence runs
// from actor to predicate to actor.
function stemOf(word) {
  return word.toLowerCase().slice(0, word.length <= 4 ? 2 : 3);
}

function patternSpan(event, actors) {
  const parts = (event.rule || "").split(":")[1];
  if (!parts) return null;
  const stems = parts.split(".").map(stemOf);
  const evidence = event.evidence;
  const words = [...evidence.text.matchAll(/[\p{L}\p{N}'’-]+/gu)].map((m) => ({
    text: m[0].toLowerCase(),
    start: evidence.start + m.index,
    end: evidence.start + m.index + m[0].length,
  }));
  const free = (word) => actors.every((a) => word.end <= a.start || word.start >= a.end);
  const first = words.findIndex((word) => free(word) && word.text.startsWith(stems[0]));
  if (first < 0) return null;
  let last = first;
  for (const stem of stems.slice(1)) {
    const next = words[last + 1];
    if (!next || !free(next) || !next.text.startsWith(stem)) break;
    last += 1;
  }
  return { start: words[first].start, end: words[last].end };
}

function actionSpan(event) {
  const predicate = event.predicate;
  if (predicate && predicate.end > predicate.start) {
    return { start: predicate.start, end: predicate.end };
  }
  const evidence = event.evidence;
  const actors = [event.source, event.target]
    .filter((a) => a && a.start >= evidence.start && a.end <= evidence.end)
    .sort((a, b) => a.start - b.start);
  const found = patternSpan(event, actors);
  if (found) return found;
  if (actors.length === 2 && actors[0].end < actors[1].start) {
    return { start: actors[0].end, end: actors[1].start };
  }
  if (actors.length >= 1) {
    const actor = actors[0];
    return evidence.end - actor.end >= actor.start - evidence.start
      ? { start: actor.end, end: evidence.end }
      : { start: evidence.start, end: actor.start };
  }
  return { start: evidence.start, end: evidence.end };
}

function spansOf(event) {
  const spans = [];
  if (event.source) spans.push({ start: event.source.start, end: event.source.end, cls: "hl-source", title: event.source.code || "source" });
  if (event.target) spans.push({ start: event.target.start, end: event.target.end, cls: "hl-target", title: event.target.code || "target" });
  const action = actionSpan(event);
  if (action.end > action.start) spans.push({ ...action, cls: "hl-action", title: event.cameo + " " + event.cameo_name });
  return spans.sort((a, b) => a.start - b.start);
}

// text starts at offset `base` of the article; spans are article offsets.
function highlighted(text, base, spans) {
  const parts = [];
  let cursor = 0;
  for (const span of spans) {
    let start = Math.max(span.start - base, cursor);
    const end = Math.min(span.end - base, text.length);
    if (end <= start) continue;
    // keep the spaces around an action outside its mark
    while (start < end && /\s/.test(text[start])) start += 1;
    let stop = end;
    while (stop > start && /\s/.test(text[stop - 1])) stop -= 1;
    if (stop <= start) continue;
    if (start > cursor) parts.push(text.slice(cursor, start));
    parts.push(el("mark", { class: span.cls, title: span.title }, text.slice(start, stop)));
    cursor = stop;
  }
  if (cursor < text.length) parts.push(text.slice(cursor));
  return parts;
}

// The whole sentence when the API gave it (sentences=true), else the evidence.
function evidenceNodes(event) {
  const span = event.evidence_sentence || event.evidence;
  return highlighted(span.text, span.start, spansOf(event));
}

// --- events table -----------------------------------------------------------

function readFilters() {
  return {
    actor: $("f-actor").value.trim(),
    country: $("f-country").value.trim(),
    cameo: $("f-cameo").value.trim(),
    quad_class: $("f-quad").value,
    since: $("f-since").value,
    until: $("f-until").value,
    place: $("f-place").value.trim(),
    text: $("f-text").value.trim(),
  };
}

function setStatus(node, stateName, text) {
  node.dataset.state = stateName;
  node.textContent = text;
}

async function loadEvents() {
  const status = $("events-status");
  setStatus(status, "loading", "loading…");
  try {
    const page = await api("api/events" + query({ ...state.filters, limit: PAGE_SIZE, offset: state.offset, sentences: true }));
    state.total = page.total;
    renderEvents(page.events);
    const last = Math.min(page.offset + page.events.length, page.total);
    $("page-info").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "";
    $("prev").disabled = page.offset === 0;
    $("next").disabled = last >= page.total;
    setStatus(status, "ready", page.total === 1 ? "1 event" : `${page.total} events`);
  } catch (error) {
    renderEvents([]);
    setStatus(status, "error", error.message);
  }
}

function actorCell(actor) {
  if (!actor) return el("td", { class: "code" }, "–");
  return el("td", { class: "code", title: actor.text }, actor.code || "?");
}

function renderEvents(events) {
  const body = document.querySelector("#events-table tbody");
  body.replaceChildren(
    ...events.map((event) => {
      const flags = [];
      if (event.negated) flags.push(el("span", { class: "flag" }, "negated"));
      if (event.modality && event.modality !== "asserted") flags.push(el("span", { class: "flag" }, event.modality));
      const row = el(
        "tr",
        { dataset: { eventId: event.event_id } },
        el("td", { class: "code" }, event.date || "undated"),
        actorCell(event.source),
        el("td", { class: "code" }, event.cameo, el("span", { class: "cameo-name" }, event.cameo_name)),
        actorCell(event.target),
        el("td", { class: "evidence" }, ...evidenceNodes(event), ...flags),
        el("td", { class: "num" }, event.goldstein.toFixed(1)),
      );
      row.addEventListener("click", () => openEvent(event.event_id, row));
      return row;
    }),
  );
}

// --- one event --------------------------------------------------------------

async function openEvent(eventId, row) {
  document.querySelectorAll("#events-table tr.selected").forEach((r) => r.classList.remove("selected"));
  if (row) row.classList.add("selected");
  const panel = $("event-detail");
  panel.hidden = false;
  panel.dataset.state = "loading";
  $("detail-id").textContent = eventId;
  try {
    renderDetail(await api("api/events/" + encodeURIComponent(eventId)));
    panel.dataset.state = "ready";
  } catch (error) {
    $("detail-sentence").replaceChildren(el("span", { class: "error" }, error.message));
    panel.dataset.state = "error";
  }
}

function renderDetail(event) {
  const sentence = event.sentence && typeof event.sentence === "object" ? event.sentence : null;
  const text = sentence ? sentence.text : event.evidence.text;
  const base = sentence ? sentence.start : event.evidence.start;
  $("detail-sentence").replaceChildren(...highlighted(text, base, spansOf(event)));
  const article = event.article || {};
  const group = event.group || {};
  const actor = (a) => (a ? `${a.code || "?"} (${a.text}${a.name ? ", " + a.name : ""})` : "–");
  const fields = [
    ["date", dateField(event)],
    ["source", actor(event.source)],
    ["event", `${event.cameo} ${event.cameo_name}`],
    ["target", actor(event.target)],
    ["quad class", event.quad_class],
    ["Goldstein", event.goldstein],
    ["PLOVER", event.plover ? event.plover.type + (event.plover.mode ? " / " + event.plover.mode : "") : "–"],
    ["modality", event.modality + (event.negated ? ", negated" : "")],
    ["place", placeField(event.place)],
    ["dateline", placeField(event.dateline)],
    ["article", article.title || event.article_id],
    ["published", article.published || "–"],
    ["outlet", article.source || "–"],
    ["mentions", group.mentions !== undefined ? `${group.mentions} mentions, ${group.sources} sources, ${group.articles} articles` : "–"],
    ["rule", event.rule],
    ["coder", `${event.coder} · ${event.ontology}`],
  ];
  const list = $("detail-fields");
  list.replaceChildren();
  for (const [name, value] of fields) {
    const dd = el("dd", {}, String(value));
    if (name === "article" && article.url) {
      dd.replaceChildren(el("a", { href: article.url, rel: "noreferrer noopener", target: "_blank" }, String(value)));
    }
    list.append(el("dt", {}, name), dd);
  }
  const quotes = event.quotes || [];
  $("detail-quotes").replaceChildren(
    ...(quotes.length
      ? quotes.map((q) => el("li", {}, `“${q.text}” — ${speakerField(q.speaker)}`))
      : [el("li", { class: "muted" }, "no quotes stored for this event")]),
  );
}

// "2015-11-13 (“Nov. 13”)", "2013 (“2013”)", "2015-11-27 (publication date)".
function dateField(event) {
  const value = event.date_value || event.date;
  if (!value) return "undated";
  if (event.date_source === "publication") return `${value} (publication date)`;
  return event.date_text ? `${value} (“${event.date_text}”)` : value;
}

function placeField(place) {
  if (!place) return "–";
  const where = [place.name || place.text, place.admin1, place.country].filter(Boolean).join(", ");
  return place.lat === null || place.lat === undefined ? where : `${where} (${place.lat.toFixed(2)}, ${place.lon.toFixed(2)})`;
}

// "Putin (Vladimir Putin, RUSGOV)" for a resolved "he"; "unattributed" for none.
function speakerField(speaker) {
  if (!speaker) return "unattributed";
  const who = [speaker.name, speaker.code].filter(Boolean).join(", ");
  return who ? `${speaker.text} (${who})` : speaker.text;
}

// --- charts -----------------------------------------------------------------

const PLOT_CONFIG = { displaylogo: false, responsive: true };

// plotly.js is big (about 5 MB): it loads after the table, which needs none of it.
let plotlyReady = null;

function loadPlotly() {
  if (!plotlyReady) {
    plotlyReady = new Promise((resolve, reject) => {
      const script = el("script", { src: "assets/plotly.min.js" });
      script.addEventListener("load", () => resolve(window.Plotly));
      script.addEventListener("error", () => reject(new Error("plotly.js could not be loaded from this server")));
      document.head.append(script);
    });
  }
  return plotlyReady;
}

function chartFilters() {
  const { actor, country, cameo, quad_class, since, until, place, text } = state.filters;
  return { actor, country, cameo, quad_class, since, until, place, text };
}

async function loadDyads() {
  const select = $("dyad");
  const previous = select.value;
  try {
    await loadPlotly();
    const { dyads } = await api("api/dyads" + query({ ...chartFilters(), limit: 30 }));
    select.replaceChildren(
      ...dyads.map((d) => el("option", { value: `${d.source}|${d.target}` }, `${d.source} → ${d.target} (${d.events})`)),
    );
    if ([...select.options].some((o) => o.value === previous)) select.value = previous;
    await loadTimeline();
  } catch (error) {
    showPlotMessage("timeline-plot", error.message);
  }
}

async function loadTimeline() {
  const value = $("dyad").value;
  if (!value) {
    showPlotMessage("timeline-plot", "No dyad (source and target both coded) matches the filters.");
    return;
  }
  const [source, target] = value.split("|");
  const { since, until } = state.filters;
  const { rows } = await api("api/timeseries" + query({ by: $("period").value, source, target, since, until }));
  const mine = rows.filter((r) => r.source === source && r.target === target);
  const periods = mine.map((r) => r.period);
  const coop = mine.map((r) => r.quad1 + r.quad2);
  const conflict = mine.map((r) => -(r.quad3 + r.quad4));
  Plotly.react(
    "timeline-plot",
    [
      { type: "bar", name: "cooperation", x: periods, y: coop, marker: { color: COLORS.coop } },
      { type: "bar", name: "conflict", x: periods, y: conflict, marker: { color: COLORS.conflict } },
      {
        type: "scatter", mode: "lines+markers", name: "mean Goldstein", yaxis: "y2",
        x: periods, y: mine.map((r) => r.goldstein_mean), line: { color: "#34495e" },
      },
    ],
    {
      barmode: "relative",
      margin: { t: 10, r: 50, b: 40, l: 40 },
      // periods as categories: a dyad seen in one week still gets a readable bar
      xaxis: { type: "category", title: { text: "period starting" } },
      yaxis: { title: { text: "events" }, zeroline: true },
      yaxis2: { overlaying: "y", side: "right", range: [-10, 10], dtick: 5, title: { text: "Goldstein" }, showgrid: false },
      legend: { orientation: "h", y: -0.2 },
    },
    PLOT_CONFIG,
  );
  $("timeline-plot").dataset.state = "ready";
}

function showPlotMessage(id, message) {
  $(id).dataset.state = "empty";
  if (!window.Plotly) {
    $(id).textContent = message;
    return;
  }
  Plotly.react(
    id,
    [],
    {
      xaxis: { visible: false }, yaxis: { visible: false },
      annotations: [{ text: message, showarrow: false, xref: "paper", yref: "paper", x: 0.5, y: 0.5 }],
      margin: { t: 10, r: 10, b: 10, l: 10 },
    },
    PLOT_CONFIG,
  );
}

// A small deterministic force layout: nodes start on a circle, so the same
// network is always drawn the same way.
function layout(nodes, edges) {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const pos = nodes.map((_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]);
  const k = Math.sqrt(4 / Math.max(n, 1));
  for (let step = 0, heat = 0.1; step < 150; step += 1, heat *= 0.97) {
    const move = pos.map(() => [0, 0]);
    for (let i = 0; i < n; i += 1) {
      for (let j = i + 1; j < n; j += 1) {
        const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
        const d = Math.max(Math.hypot(dx, dy), 0.01), f = (k * k) / d;
        move[i][0] += (dx / d) * f; move[i][1] += (dy / d) * f;
        move[j][0] -= (dx / d) * f; move[j][1] -= (dy / d) * f;
      }
    }
    for (const edge of edges) {
      const i = index.get(edge.source), j = index.get(edge.target);
      if (i === undefined || j === undefined || i === j) continue;
      const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
      const d = Math.max(Math.hypot(dx, dy), 0.01), f = (d * d) / k;
      move[i][0] -= (dx / d) * f; move[i][1] -= (dy / d) * f;
      move[j][0] += (dx / d) * f; move[j][1] += (dy / d) * f;
    }
    for (let i = 0; i < n; i += 1) {
      const d = Math.max(Math.hypot(move[i][0], move[i][1]), 0.01);
      pos[i][0] += (move[i][0] / d) * Math.min(d, heat);
      pos[i][1] += (move[i][1] / d) * Math.min(d, heat);
    }
  }
  return new Map(nodes.map((node, i) => [node.id, pos[i]]));
}

async function loadNetwork() {
  try {
    await loadPlotly();
    const { nodes, edges } = await api("api/network" + query({ ...chartFilters(), limit: 80 }));
    if (!nodes.length) {
      showPlotMessage("network-plot", "No dyad matches the filters.");
      return;
    }
    const pos = layout(nodes, edges);
    const most = Math.max(...edges.map((e) => e.events), 1);
    const traces = edges.map((edge) => {
      const a = pos.get(edge.source), b = pos.get(edge.target);
      const color = edge.balance > 0 ? COLORS.coop : edge.balance < 0 ? COLORS.conflict : COLORS.mixed;
      return {
        type: "scatter", mode: "lines", x: [a[0], b[0]], y: [a[1], b[1]], hoverinfo: "skip",
        line: { color, width: 1 + (5 * edge.events) / most }, opacity: 0.7, showlegend: false,
      };
    });
    traces.push({
      type: "scatter", mode: "markers", showlegend: false, hoverinfo: "text",
      x: edges.map((e) => (pos.get(e.source)[0] + pos.get(e.target)[0]) / 2),
      y: edges.map((e) => (pos.get(e.source)[1] + pos.get(e.target)[1]) / 2),
      text: edges.map((e) => `${e.source} → ${e.target}: ${e.events} events, ${e.cooperation} coop, ${e.conflict} conflict`),
      marker: { size: 6, opacity: 0 },
    });
    const biggest = Math.max(...nodes.map((node) => node.events), 1);
    traces.push({
      type: "scatter", mode: "markers+text", showlegend: false, hoverinfo: "text",
      x: nodes.map((node) => pos.get(node.id)[0]), y: nodes.map((node) => pos.get(node.id)[1]),
      text: nodes.map((node) => node.id), textposition: "top center",
      hovertext: nodes.map((node) => `${node.id}: ${node.events} events`),
      marker: { size: nodes.map((node) => 8 + (18 * node.events) / biggest), color: "#1f2a37" },
    });
    Plotly.react(
      "network-plot",
      traces,
      { margin: { t: 10, r: 10, b: 10, l: 10 }, xaxis: { visible: false }, yaxis: { visible: false }, hovermode: "closest" },
      PLOT_CONFIG,
    );
    $("network-plot").dataset.state = "ready";
  } catch (error) {
    showPlotMessage("network-plot", error.message);
  }
}

let basemap = null;

async function loadBasemap() {
  if (basemap) return basemap;
  const response = await fetch("assets/countries.geojson");
  basemap = await response.json();
  return basemap;
}

function outlineTrace(collection) {
  const x = [], y = [];
  for (const feature of collection.features) {
    const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (const [lon, lat] of ring) { x.push(lon); y.push(lat); }
        x.push(null); y.push(null);
      }
    }
  }
  return {
    type: "scatter", mode: "lines", x, y, fill: "toself", fillcolor: "#eef0e8",
    line: { color: "#a9ad9f", width: 0.6 }, hoverinfo: "skip", showlegend: false,
  };
}

// Places: coordinates when the places stage found them, else the centre of the
// place's country; events without a place are counted, not drawn.
function placePoints(events, centroids) {
  const points = new Map();
  let unplaced = 0;
  for (const event of events) {
    const place = event.place;
    let lat = place && place.lat, lon = place && place.lon;
    if (place && (lat === null || lon === null || lat === undefined || lon === undefined) && centroids[place.country]) {
      [lat, lon] = centroids[place.country];
    }
    if (!place || lat === null || lat === undefined || lon === null || lon === undefined) {
      unplaced += 1;
      continue;
    }
    const key = `${place.name}|${lat}|${lon}`;
    const point = points.get(key) || { name: place.name, country: place.country, lat, lon, events: 0, goldstein: 0 };
    point.events += 1;
    point.goldstein += event.goldstein;
    points.set(key, point);
  }
  return { points: [...points.values()], unplaced };
}

async function loadMap() {
  try {
    await loadPlotly();
    const [collection, page] = await Promise.all([
      loadBasemap(),
      api("api/events" + query({ ...chartFilters(), limit: MAP_EVENTS })),
    ]);
    const { points, unplaced } = placePoints(page.events, collection.centroids || {});
    const traces = [outlineTrace(collection)];
    if (points.length) {
      const most = Math.max(...points.map((p) => p.events));
      traces.push({
        type: "scatter", mode: "markers", showlegend: false, hoverinfo: "text",
        x: points.map((p) => p.lon), y: points.map((p) => p.lat),
        text: points.map((p) => `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.events} events, mean Goldstein ${(p.goldstein / p.events).toFixed(1)}`),
        marker: {
          size: points.map((p) => 7 + (20 * p.events) / most),
          color: points.map((p) => p.goldstein / p.events), cmin: -10, cmax: 10,
          colorscale: [[0, COLORS.conflict], [0.5, "#f1c40f"], [1, COLORS.coop]],
          line: { color: "#333", width: 0.5 }, opacity: 0.85,
        },
      });
    }
    const shown = page.events.length;
    $("map-note").textContent = points.length
      ? `${shown - unplaced} of ${shown} events have a place` + (page.total > shown ? ` (first ${shown} of ${page.total} shown)` : "")
      : `None of these ${shown} events has a place yet: places come from the places stage; events without one are not drawn.`;
    Plotly.react(
      "map-plot",
      traces,
      {
        margin: { t: 5, r: 5, b: 5, l: 5 }, plot_bgcolor: "#dbe9f4", hovermode: "closest",
        xaxis: { range: [-180, 180], visible: false, constrain: "domain" },
        yaxis: { range: [-58, 84], visible: false, scaleanchor: "x", scaleratio: 1 },
      },
      PLOT_CONFIG,
    );
    $("map-plot").dataset.points = String(points.length);
    $("map-plot").dataset.state = "ready";
  } catch (error) {
    showPlotMessage("map-plot", error.message);
  }
}

// --- paste an article -------------------------------------------------------

async function submitArticle(submit) {
  submit.preventDefault();
  const result = $("paste-result");
  const text = $("paste-text").value;
  if (!text.trim()) {
    setStatus(result, "error", "Paste an article's text first.");
    return;
  }
  const article = { text };
  if ($("paste-title").value.trim()) article.title = $("paste-title").value.trim();
  if ($("paste-published").value) article.published = $("paste-published").value;
  const headers = { "Content-Type": "application/json" };
  const token = $("token").value.trim();
  if (token) headers.Authorization = "Bearer " + token;
  setStatus(result, "loading", "coding…");
  $("paste-submit").disabled = true;
  try {
    const answer = await api("api/articles", { method: "POST", headers, body: JSON.stringify(article) });
    renderCoded(answer.articles[0]);
    await refresh();
  } catch (error) {
    setStatus(result, "error", `${error.message} (${error.code})`);
  } finally {
    $("paste-submit").disabled = false;
  }
}

function renderCoded(article) {
  const result = $("paste-result");
  const events = article.events;
  const items = events.map((event) => {
    const item = el(
      "li",
      { dataset: { eventId: event.event_id } },
      el("code", {}, `${(event.source && event.source.code) || "?"} ${event.cameo} ${(event.target && event.target.code) || "–"}`),
      " ",
      el("span", { class: "muted" }, event.cameo_name),
      el("br"),
      ...evidenceNodes(event),
    );
    item.addEventListener("click", () => openEvent(event.event_id, null));
    return item;
  });
  result.replaceChildren(
    el("p", {}, `Article ${article.id}: ${events.length} event${events.length === 1 ? "" : "s"} coded and stored.`),
    items.length ? el("ol", {}, ...items) : el("p", { class: "muted" }, "No event found in this text."),
  );
  result.dataset.state = "ready";
}

// --- wiring -----------------------------------------------------------------

async function loadSummary() {
  try {
    const health = await api("api/health");
    $("store-summary").textContent = `${health.articles} articles · ${health.events} events · ${health.failures} failures` + (health.writes_need_token ? " · writes need a token" : "");
  } catch (error) {
    $("store-summary").textContent = error.message;
  }
}

async function loadActorCodes() {
  try {
    const { actors } = await api("api/actors?limit=200");
    $("actor-codes").replaceChildren(...actors.filter((a) => a.code).map((a) => el("option", { value: a.code }, a.name || a.text || "")));
  } catch (error) {
    // the datalist is a convenience; the filter works without it
  }
}

async function refresh() {
  await Promise.all([loadSummary(), loadEvents(), loadDyads(), loadNetwork(), loadMap()]);
}

function start() {
  $("token").value = sessionStorage.getItem("eventwire-token") || "";
  $("token").addEventListener("change", () => sessionStorage.setItem("eventwire-token", $("token").value.trim()));
  $("filters").addEventListener("submit", (submit) => {
    submit.preventDefault();
    state.filters = readFilters();
    state.offset = 0;
    Promise.all([loadEvents(), loadDyads(), loadNetwork(), loadMap()]);
  });
  $("filters").addEventListener("reset", () => {
    setTimeout(() => $("filters").requestSubmit(), 0);
  });
  $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE_SIZE); loadEvents(); });
  $("next").addEventListener("click", () => { state.offset += PAGE_SIZE; loadEvents(); });
  $("detail-close").addEventListener("click", () => { $("event-detail").hidden = true; });
  $("dyad").addEventListener("change", () => loadTimeline().catch((e) => showPlotMessage("timeline-plot", e.message)));
  $("period").addEventListener("change", () => loadTimeline().catch((e) => showPlotMessage("timeline-plot", e.message)));
  $("paste-form").addEventListener("submit", submitArticle);
  loadActorCodes();
  refresh();
}

start();
