// The developer settings page's webhooks: make one (its URL and the events it hears), its
// signing secret shown once with a copy button, and each webhook with its delivery log
// (the latest attempts, their status and answer) and a delete button. docs/webhooks.md
// says what a delivery is and how a receiver checks its signature.
import { graphql } from "../api.js";
import { announce, failure, field, formErrorBox, h, onSubmit, showErrors, submitRow, time } from "../dom.js";
import { formatNumber, t } from "../i18n.js";

const EVENTS = [
  { value: "IMAGE_LIKED", label: t("Someone likes one of my images"), short: t("image liked") },
  { value: "IMAGE_SAVED", label: t("Someone saves one of my images to a public board"), short: t("image saved") },
  { value: "IMAGE_COMMENTED", label: t("Someone comments on one of my images"), short: t("image commented") },
  { value: "USER_FOLLOWED", label: t("Someone follows me"), short: t("user followed") },
];
const LOG_SIZE = 10;

const WEBHOOK_FIELDS = `id url events active consecutiveFailures createdAt`;
const DELIVERY_FIELDS = `event payloadId attempt statusCode dueAt deliveredAt responseBody error succeeded`;
const WEBHOOKS = `query Webhooks { viewer { webhooks(first: 10) { edges { node { ${WEBHOOK_FIELDS}
  deliveries(first: 10) { edges { node { ${DELIVERY_FIELDS} } } } } } } } }`;
const CREATE = `mutation CreateWebhook($url: String!, $events: [WebhookEvent!]!) {
  createWebhook(input: {url: $url, events: $events}) {
    webhook { ${WEBHOOK_FIELDS} } secret errors { field code message }
  }
}`;
const DELETE = `mutation DeleteWebhook($id: ID!) {
  deleteWebhook(input: {id: $id}) { deletedId errors { field code message } }
}`;

function eventChoices() {
  return h(
    "fieldset",
    { class: "field choices", id: "webhook-events" },
    h("legend", { text: t("Tell it when") }),
    ...EVENTS.map(({ value, label }) => {
      const id = `webhook-event-${value.toLowerCase()}`;
      return h(
        "p",
        { class: "choice" },
        h("input", { type: "checkbox", name: "events", value, id, checked: value === "IMAGE_LIKED" }),
        h("label", { for: id, text: label }),
      );
    }),
  );
}

// The secret of the webhook just made: shown this once, with a button that copies it.
function secretNotice(secret) {
  const value = h("code", { id: "webhook-secret", text: secret });
  const copy = h("button", { type: "button", id: "copy-webhook-secret", text: t("Copy") });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(secret);
      announce(t("The secret is copied."));
    } catch {
      announce(t("Select the secret and copy it."));
    }
  });
  return h(
    "div",
    { class: "notice", id: "webhook-secret-notice", role: "status" },
    h("p", { text: t("Your webhook's signing secret, shown this once: keep it where your receiver can read it.") }),
    h("p", {}, value, " ", copy),
  );
}

// An event in a few words; an event this page does not know yet by its name.
function eventLabel(value) {
  const known = EVENTS.find((event) => event.value === value);
  return known ? known.short : value.toLowerCase().replace("_", " ");
}

function deliveryRow({ node }) {
  const outcome = node.deliveredAt
    ? node.statusCode !== null
      ? `${node.statusCode}${node.succeeded ? "" : ` ${t("(failed)")}`}`
      : node.error || t("failed")
    : t("pending");
  return h(
    "tr",
    { class: node.deliveredAt ? (node.succeeded ? "delivered" : "failed") : "pending" },
    h("td", { text: eventLabel(node.event) }),
    h("td", { text: formatNumber(node.attempt) }),
    h("td", {}, node.deliveredAt ? time(node.deliveredAt) : h("span", { text: `${t("due")} ` }, time(node.dueAt))),
    h("td", { class: "status", text: outcome }),
    h("td", {}, h("code", { class: "response", text: node.responseBody.slice(0, 200) })),
  );
}

function deliveryLog(webhook) {
  const rows = webhook.deliveries.edges;
  if (!rows.length) return h("p", { class: "list-state empty", text: t("Nothing sent yet.") });
  return h(
    "table",
    { class: "delivery-log" },
    h("caption", { text: t("The latest {count} attempts", { count: LOG_SIZE }) }),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ...[t("Event"), t("Attempt"), t("When"), t("Answer"), t("Response")].map((text) => h("th", { scope: "col", text })),
      ),
    ),
    h("tbody", {}, ...rows.map(deliveryRow)),
  );
}

function webhookItem(webhook, refresh) {
  const remove = h("button", { type: "button", class: "delete-webhook", text: t("Delete") });
  remove.setAttribute("aria-label", t("Delete the webhook to {url}", { url: webhook.url }));
  remove.addEventListener("click", async () => {
    remove.disabled = true;
    try {
      const { deleteWebhook: payload } = await graphql(DELETE, { id: webhook.id });
      announce(payload.errors.length ? payload.errors[0].message : t("The webhook is deleted."));
      await refresh();
    } catch (error) {
      announce(error.message);
      remove.disabled = false;
    }
  });
  const state = webhook.active
    ? t("active")
    : t("disabled after repeated failures: make a new one once your receiver answers");
  return h(
    "li",
    { class: "webhook", "data-id": webhook.id },
    h("p", {}, h("code", { class: "webhook-url", text: webhook.url }), ` (${state}) `, remove),
    h("p", { class: "hint", text: t("Hears: {events}", { events: webhook.events.map(eventLabel).join(", ") }) }),
    deliveryLog(webhook),
  );
}

export function webhooksSection() {
  const list = h("div", { id: "webhook-list", "aria-live": "polite" });
  const refresh = async () => {
    try {
      const { viewer } = await graphql(WEBHOOKS);
      const webhooks = viewer ? viewer.webhooks.edges.map(({ node }) => node) : [];
      list.replaceChildren(
        webhooks.length
          ? h("ul", { class: "webhooks" }, ...webhooks.map((webhook) => webhookItem(webhook, refresh)))
          : h("p", { class: "list-state empty", text: t("No webhook yet.") }),
      );
    } catch (error) {
      list.replaceChildren(failure(t("Could not load your webhooks: {error}", { error: error.message })));
    }
  };
  const secret = h("div", { id: "webhook-secret-box" });
  const form = h(
    "form",
    { id: "webhook-form", class: "stacked", novalidate: true },
    formErrorBox(),
    field(t("Receiver URL"), { name: "url", type: "url", required: true, placeholder: "https://example.com/hooks/pinmark" }),
    eventChoices(),
    submitRow(t("Add webhook")),
  );
  onSubmit(form, async ({ url }) => {
    const events = [...form.querySelectorAll("input[name=events]:checked")].map((box) => box.value);
    const { createWebhook: payload } = await graphql(CREATE, { url, events });
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    form.reset();
    secret.replaceChildren(secretNotice(payload.secret));
    await refresh();
  });
  const reload = h("button", { type: "button", id: "refresh-webhooks", text: t("Refresh the delivery logs") });
  reload.addEventListener("click", refresh);
  refresh();
  return h(
    "section",
    { id: "webhooks", "aria-labelledby": "webhooks-title" },
    h("h2", { id: "webhooks-title", text: t("Webhooks") }),
    h("p", {
      text: t(
        "A webhook POSTs a signed JSON message to your server when something happens to your images or your account. Failed deliveries are tried again for about a day.",
      ),
    }),
    form,
    secret,
    h("h3", { text: t("Your webhooks") }),

    h("p", {}, reload),
    list,
  );
}
