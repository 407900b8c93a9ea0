// Renders /api/v1/openapi.json as a reference: operations, parameters, bodies, answers, schemas.
// No framework, no network but the shop's own document (the page's CSP allows nothing else).
"use strict";

(function () {
  const main = document.getElementById("reference");
  const toc = document.getElementById("toc");

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function refName(ref) {
    return ref.split("/").pop();
  }

  function typeOf(schema) {
    if (!schema) return "";
    if (schema.$ref) return el("a", { href: "#schema-" + refName(schema.$ref) }, refName(schema.$ref));
    if (schema.type === "array") {
      const inner = typeOf(schema.items);
      return el("span", {}, "array of ", inner);
    }
    if (Array.isArray(schema.type)) return schema.type.join(" | ");
    let text = schema.type || "object";
    if (schema.format) text += " (" + schema.format + ")";
    if (schema.enum) text += ": " + schema.enum.join(", ");
    if (schema.minimum !== undefined || schema.maximum !== undefined) {
      text += " [" + (schema.minimum ?? "") + "…" + (schema.maximum ?? "") + "]";
    }
    return text;
  }

  function propertiesTable(schema) {
    const props = schema.properties || {};
    const required = new Set(schema.required || []);
    const rows = Object.entries(props).map(([name, prop]) =>
      el("tr", {},
        el("td", {}, el("code", {}, name), required.has(name) ? el("span", { class: "required" }, " required") : null),
        el("td", {}, typeOf(prop)),
        el("td", { class: "muted" }, prop.description || "")));
    return el("table", {},
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "field"), el("th", { scope: "col" }, "type"), el("th", { scope: "col" }, ""))),
      el("tbody", {}, rows));
  }

  function operationSection(path, method, op) {
    const id = (method + path).replace(/[^a-z0-9]+/gi, "-");
    toc.append(el("li", {}, el("a", { href: "#" + id }, method.toUpperCase() + " " + path)));
    const section = el("section", { class: "operation", id: id, "aria-labelledby": id + "-h" },
      el("h2", { id: id + "-h" },
        el("span", { class: "method method-" + method }, method.toUpperCase()), el("code", {}, path)),
      el("p", {}, op.summary || ""),
      op.description ? el("p", { class: "muted" }, op.description) : null);
    const params = op.parameters || [];
    if (params.length) {
      section.append(el("h3", {}, "Parameters"), el("table", {},
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "name"), el("th", { scope: "col" }, "in"),
          el("th", { scope: "col" }, "type"), el("th", { scope: "col" }, ""))),
        el("tbody", {}, params.map((p) => el("tr", {},
          el("td", {}, el("code", {}, p.name), p.required ? el("span", { class: "required" }, " required") : null),
          el("td", {}, p.in), el("td", {}, typeOf(p.schema)), el("td", { class: "muted" }, p.description || ""))))));
    }
    const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
    if (body) section.append(el("h3", {}, "JSON body"), el("p", {}, typeOf(body.schema)));
    const answers = Object.entries(op.responses || {}).map(([code, response]) => {
      const [media, content] = Object.entries(response.content || {})[0] || ["", {}];
      return el("tr", {}, el("td", {}, code), el("td", {}, response.description || ""),
        el("td", {}, media ? el("code", {}, media) : ""), el("td", {}, typeOf(content.schema)));
    });
    section.append(el("h3", {}, "Answers"), el("table", {},
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "status"), el("th", { scope: "col" }, "meaning"),
        el("th", { scope: "col" }, "media type"), el("th", { scope: "col" }, "body"))),
      el("tbody", {}, answers)));
    return section;
  }

  fetch("/api/v1/openapi.json", { headers: { Accept: "application/json" } })
    .then((response) => {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then((doc) => {
      main.replaceChildren(el("p", { class: "muted" }, doc.info.title + " · version " + doc.info.version + " · OpenAPI " + doc.openapi));
      for (const [path, operations] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(operations)) {
          if (typeof op === "object" && op.responses) main.append(operationSection(path, method, op));
        }
      }
      main.append(el("h2", { id: "schemas" }, "Schemas"));
      for (const [name, schema] of Object.entries((doc.components || {}).schemas || {})) {
        main.append(el("section", { class: "operation", id: "schema-" + name },
          el("h3", {}, name), schema.description ? el("p", { class: "muted" }, schema.description) : null,
          propertiesTable(schema)));
      }
    })
    .catch((error) => {
      main.replaceChildren(el("p", { role: "alert" }, "The OpenAPI document could not be read (" + error.message + "): open /api/v1/openapi.json."));
    });
})();
