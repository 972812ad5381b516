// ikscli site: filters, views and the URL hash. Everything it shows comes from the
// JSON in #data and is put in the page as text (textContent), never as markup.
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("data").textContent);
  const W = data.words;
  const agreements = data.agreements;
  const byId = new Map(agreements.map((a) => [a.id, a]));
  const FILTERS = ["kommune", "party", "category", "form", "status", "q"];
  const SETTLED_ELSEWHERE = new Set(["evidence", "remark", "spacing"]);
  const $ = (id) => document.getElementById(id);
  // The plain overview is for readers without a script; this script shows the same
  // data with filters and views instead.
  $("uten-skript").remove();
  $("filtre").hidden = false;

  // The command line's fold (ikscli/names.py): case, æ/ø/å, accents, punctuation.
  function fold(text) {
    let t = text.normalize("NFC").toLowerCase()
      .replace(/[æä]/g, "a").replace(/[øö]/g, "o").replace(/å/g, "a")
      .replace(/ae|oe|aa/g, (m) => m[0]);
    t = t.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    return t.replace(/[^0-9a-z]+/g, "");
  }

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    return node;
  }

  function fill(select, values, words) {
    select.append(element("option", W.all, { value: "" }));
    for (const value of values) {
      select.append(element("option", words ? words[value] || value : value, { value }));
    }
  }

  function members(a) {
    if (SETTLED_ELSEWHERE.has(a.members_basis)) return a.members.map((m) => m + "¹");
    return a.shown;
  }

  function statusWord(status) {
    return W.status[status] || status;
  }

  // The list: one element per agreement, built once; filters only show and hide.
  // under the source's categories, as the appendix (on screen and on paper)
  const list = $("samarbeid");
  const rows = [];
  const groups = [];
  const fragment = document.createDocumentFragment();
  let group = null;
  for (const a of agreements) {
    const category = a.category || W.no_category;
    if (!group || group.category !== category) {
      const box = element("li", null, { class: "gruppe" });
      box.append(element("h3", category));
      group = { category, box, items: element("ol"), rows: [] };
      box.append(group.items);
      groups.push(group);
      fragment.append(box);
    }
    const item = element("li", null, { "data-id": a.id });
    const link = element("a", a.name, { href: "#samarbeid=" + encodeURIComponent(a.id) });
    item.append(link);
    if (a.status !== "active") item.append(element("span", " (" + statusWord(a.status) + ")", { class: "status" }));
    item.append(element("span", a.id, { class: "id" }));
    const facts = [a.form, members(a).join(", "), a.host ? W.labels.host + ": " + a.host : ""];
    item.append(element("span", facts.filter(Boolean).join(" · "), { class: "fakta" }));
    rows.push([a, item]);
    group.rows.push(item);
    group.items.append(item);
  }
  list.append(fragment);

  fill($("kommune"), data.region);
  fill($("party"), data.parties);
  fill($("category"), data.categories);
  fill($("form"), data.forms);
  fill($("status"), ["active", "terminated", "planned"], W.status);
  $("kilde").textContent = data.meta.source;
  $("forklaring").textContent = W.uncertain + ". " + W.evidence + ".";

  function textMatcher(term) {
    const needle = fold(term);
    if (needle) return (a) => a.fn.includes(needle) || a.fo.includes(needle);
    const literal = term.normalize("NFC").toLowerCase();
    if (!literal.trim()) return () => false;
    return (a) => a.name.toLowerCase().includes(literal) || (a.note || "").toLowerCase().includes(literal);
  }

  function matcher(state) {
    const tests = [];
    if (state.kommune) tests.push((a) => a.members.includes(state.kommune));
    if (state.party) {
      tests.push((a) => a.members.includes(state.party) || a.partners.includes(state.party) || a.host === state.party);
    }
    if (state.category) tests.push((a) => a.category === state.category);
    if (state.form) tests.push((a) => a.form === state.form);
    if (state.status) tests.push((a) => a.status === state.status);
    if (state.q) tests.push(textMatcher(state.q));
    return (a) => tests.every((test) => test(a));
  }

  function apply(state) {
    const matches = matcher(state);
    let shown = 0;
    for (const [a, item] of rows) {
      const hide = !matches(a);
      if (item.hidden !== hide) item.hidden = hide;
      if (!hide) shown += 1;
    }
    for (const g of groups) {
      const empty = g.rows.every((item) => item.hidden);
      if (g.box.hidden !== empty) g.box.hidden = empty;
    }
    $("antall").textContent = W.count[shown === 1 ? 0 : 1].replace("{total}", shown);
    $("ingen").hidden = shown !== 0;
    for (const name of FILTERS) {
      const field = $(name);
      if (field.value !== (state[name] || "")) field.value = state[name] || "";
    }
    return shown;
  }

  function stateOf(hash) {
    const params = new URLSearchParams(hash.replace(/^#/, ""));
    const state = {};
    for (const name of FILTERS) if (params.get(name)) state[name] = params.get(name);
    return { params, state };
  }

  function definition(list, term, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    list.append(element("dt", term));
    const dd = element("dd");
    if (value instanceof Node) dd.append(value); else dd.textContent = Array.isArray(value) ? value.join(", ") : value;
    list.append(dd);
  }

  function links(ids) {
    const span = element("span");
    ids.forEach((id, i) => {
      if (i) span.append(", ");
      const a = byId.get(id);
      span.append(element("a", a ? a.name : id, { href: "#samarbeid=" + encodeURIComponent(id) }));
    });
    return span;
  }

  function grouped(ids) {
    const box = element("div");
    const groups = new Map();
    for (const id of ids) {
      const a = byId.get(id);
      const key = a && a.category ? a.category : W.no_category;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(id);
    }
    const order = [...data.categories, W.no_category];
    for (const category of order) {
      if (!groups.has(category)) continue;
      box.append(element("h3", category));
      const list = element("ul");
      for (const id of groups.get(category)) {
        const item = element("li");
        item.append(element("a", byId.get(id).name, { href: "#samarbeid=" + encodeURIComponent(id) }));
        list.append(item);
      }
      box.append(list);
    }
    return box;
  }

  function showAgreement(view, a) {
    view.append(element("h2", a.name));
    const dl = element("dl");
    const L = W.labels;
    definition(dl, L.id, a.id);
    definition(dl, L.category, a.category);
    definition(dl, L.form, a.form);
    const who = element("span");
    members(a).forEach((shown, i) => {
      if (i) who.append(", ");
      who.append(element("a", shown, { href: "#kommunevisning=" + encodeURIComponent(a.members[i]) }));
    });
    definition(dl, L.members, a.members.length ? who : null);
    if (a.members_basis !== "source") definition(dl, L.members_basis, (W.basis[a.members_basis] || a.members_basis) + ": " + (a.members_evidence || ""));
    if (a.host) {
      const host = element("a", a.host, { href: "#kommunevisning=" + encodeURIComponent(a.host) });
      definition(dl, L.host, host);
    }
    definition(dl, L.partners, a.partners);
    definition(dl, L.others, a.others);
    definition(dl, L.status, statusWord(a.status));
    definition(dl, L.note, a.note);
    if (a.parent) definition(dl, L.parent, links([a.parent]));
    const children = agreements.filter((c) => c.parent === a.id).map((c) => c.id);
    if (children.length) definition(dl, W.sub, links(children));
    for (const [term, text, href] of a.facts || []) {
      definition(dl, term, href ? element("a", text, { href }) : text);
    }
    view.append(dl);
  }

  function showMunicipality(view, name) {
    view.append(element("h2", name));
    const dl = element("dl");
    const member = agreements.filter((a) => a.members.includes(name)).map((a) => a.id);
    const hosted = agreements.filter((a) => a.host === name).map((a) => a.id);
    definition(dl, W.labels.agreements + " (" + member.length + ")", grouped(member));
    definition(dl, W.hosts + " (" + hosted.length + ")", hosted.length ? links(hosted) : W.none);
    const shared = new Map();
    for (const a of agreements) {
      const people = new Set([...a.members, ...a.partners, ...(a.host ? [a.host] : [])]);
      if (!people.has(name)) continue;
      for (const other of people) if (other !== name) shared.set(other, (shared.get(other) || 0) + 1);
    }
    const most = [...shared.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0], "nb")).slice(0, 5);
    definition(dl, W.with, most.map(([other, n]) => other + " (" + n + ")"));
    view.append(dl);
  }

  const partyKeys = new Map();
  for (const name of data.parties) partyKeys.set(fold(name), name);
  for (const a of agreements) for (const name of [...a.members, ...a.partners, ...(a.host ? [a.host] : [])]) if (!partyKeys.has(fold(name))) partyKeys.set(fold(name), name);

  for (const [number, name] of Object.entries(data.numbers)) partyKeys.set(number, name);

  function partyNamed(text) {
    const key = fold(text);
    return partyKeys.get(key) || partyKeys.get(key.replace(/(fylkes)?kommune$/, "")) || partyKeys.get(text.trim()) || null;
  }

  function route() {
    const { params, state } = stateOf(location.hash);
    const view = $("visning");
    view.replaceChildren();
    // the plain overview's links (#samarbeid-ID, #kommune-NAME) lead to the same views
    const plain = /^#(samarbeid|kommune)-(.+)$/.exec(location.hash);
    const id = plain && plain[1] === "samarbeid" ? decodeURIComponent(plain[2]) : params.get("samarbeid");
    const asked = plain && plain[1] === "kommune" ? decodeURIComponent(plain[2]) : params.get("kommunevisning");
    // a name from the link counts only if the data has it: anything else is said to be
    // unknown, and never shown as it was typed
    const kommune = asked === null ? null : partyNamed(asked);
    const detail = id !== null || asked !== null;
    view.hidden = !detail;
    $("liste").hidden = detail;
    $("filtre").hidden = detail;  // a view shows its own content
    if (detail) {
      view.append(element("a", W.back, { href: "#", class: "tilbake" }));
      if (id !== null && byId.has(id)) showAgreement(view, byId.get(id));
      else if (id === null && kommune) showMunicipality(view, kommune);
      else {
        view.append(element("h2", W.unknown));
        view.append(element("p", id !== null ? W.unknown_agreement : W.unknown_municipality));
      }
      const heading = view.querySelector("h2");
      heading.setAttribute("tabindex", "-1");
      heading.focus();  // a reader of the screen hears where the link led
      return;
    }
    const wanted = understood(state);
    apply(wanted.state);
    const chosen = FILTERS.filter((name) => wanted.state[name]).map((name) =>
      (W.filter_names[name] || W.text) + ": " + (name === "status" ? statusWord(wanted.state[name]) : wanted.state[name]));
    $("valgt").textContent = chosen.length ? W.chosen + " " + chosen.join("; ") : "";
    $("ukjent").textContent = wanted.unknown.length
      ? W.not_understood.replace("{values}", wanted.unknown.join(", "))
      : "";
  }

  // The link's municipality or party as people write it (oyer, Øyer kommune, 0521);
  // a value the data does not have is said to be not understood (by the filter's name:
  // the link's own text is never shown), and no filter is set from it.
  function understood(state) {
    const result = { state: { ...state }, unknown: [] };
    for (const name of ["kommune", "party"]) {
      if (!state[name]) continue;
      const found = partyNamed(state[name]);
      if (found && (name === "party" || data.region.includes(found))) result.state[name] = found;
      else {
        delete result.state[name];
        result.unknown.push(W.filter_names[name]);
      }
    }
    for (const [name, values] of [["category", data.categories], ["form", data.forms], ["status", ["active", "terminated", "planned"]]]) {
      if (!state[name]) continue;
      const found = values.find((v) => fold(v) === fold(state[name]) || fold(W.status[v] || "") === fold(state[name]));
      if (found) result.state[name] = found;
      else {
        delete result.state[name];
        result.unknown.push(W.filter_names[name]);
      }
    }
    return result;
  }

  function fromForm() {
    const params = new URLSearchParams();
    for (const name of FILTERS) if ($(name).value) params.set(name, $(name).value);
    const hash = "#" + params.toString();
    if (location.hash !== hash) history.replaceState(null, "", hash.length > 1 ? hash : location.pathname);
    route();
  }

  $("skjema").addEventListener("change", fromForm);
  $("q").addEventListener("input", fromForm);
  $("nullstill").addEventListener("click", () => {
    for (const name of FILTERS) $(name).value = "";
    fromForm();
  });
  window.addEventListener("hashchange", route);
  window.ikscliSite = { apply: (state) => apply(state), fold };
  route();
})();
