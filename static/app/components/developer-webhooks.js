// The developer settings page's webhooks: make one (its URL and the events it hears), its
// signing secret shown once with a copy button, and each webhook with its delivery log
// (the latest attempts, their status and answer) and a delete button. docs/webhooks.md
// says what a delivery is and how a receiver checks its signature.
import { graphql } from "../api.js";
import { announce, failure, field, formErrorBox, h, onSubmit, showErrors, submitRow, time } from "../dom.js";

const EVENTS = [
  { value: "IMAGE_LIKED", label: "Someone likes one of my images" },
  { value: "IMAGE_SAVED", label: "Someone saves one of my images to a public board" },
  { value: "IMAGE_COMMENTED", label: "Someone comments on one of my images" },
  { value: "USER_FOLLOWED", label: "Someone follows me" },
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
    h("legend", { text: "Tell it when" }),
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
  const copy = h("button", { type: "button", id: "copy-webhook-secret", text: "Copy" });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(secret);
      announce("The secret is copied.");
    } catch {
      announce("Select the secret and copy it.");
    }
  });
  return h(
    "div",
    { class: "notice", id: "webhook-secret-notice", role: "status" },
    h("p", { text: "Your webhook's signing secret, shown this once: keep it where your receiver can read it." }),
    h("p", {}, value, " ", copy),
  );
}

function eventLabel(value) {
  return value.toLowerCase().replace("_", " ");
}

function deliveryRow({ node }) {
  const outcome = node.deliveredAt
    ? node.statusCode !== null
      ? `${node.statusCode}${node.succeeded ? "" : " (failed)"}`
      : node.error || "failed"
    : "pending";
  return h(
    "tr",
    { class: node.deliveredAt ? (node.succeeded ? "delivered" : "failed") : "pending" },
    h("td", { text: eventLabel(node.event) }),
    h("td", { text: String(node.attempt) }),
    h("td", {}, node.deliveredAt ? time(node.deliveredAt) : h("span", { text: "due " }, time(node.dueAt))),
    h("td", { class: "status", text: outcome }),
    h("td", {}, h("code", { class: "response", text: node.responseBody.slice(0, 200) })),
  );
}

function deliveryLog(webhook) {
  const rows = webhook.deliveries.edges;
  if (!rows.length) return h("p", { class: "list-state empty", text: "Nothing sent yet." });
  return h(
    "table",
    { class: "delivery-log" },
    h("caption", { text: `The latest ${LOG_SIZE} attempts` }),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ...["Event", "Attempt", "When", "Answer", "Response"].map((text) => h("th", { scope: "col", text })),
      ),
    ),
    h("tbody", {}, ...rows.map(deliveryRow)),
  );
}

function webhookItem(webhook, refresh) {
  const remove = h("button", { type: "button", class: "delete-webhook", text: "Delete" });
  remove.setAttribute("aria-label", `Delete the webhook to ${webhook.url}`);
  remove.addEventListener("click", async () => {
    remove.disabled = true;
    try {
      const { deleteWebhook: payload } = await graphql(DELETE, { id: webhook.id });
      announce(payload.errors.length ? payload.errors[0].message : "The webhook is deleted.");
      await refresh();
    } catch (error) {
      announce(error.message);
      remove.disabled = false;
    }
  });
  const state = webhook.active
    ? "active"
    : "disabled after repeated failures: make a new one once your receiver answers";
  return h(
    "li",
    { class: "webhook", "data-id": webhook.id },
    h("p", {}, h("code", { class: "webhook-url", text: webhook.url }), ` (${state}) `, remove),
    h("p", { class: "hint", text: `Hears: ${webhook.events.map(eventLabel).join(", ")}` }),
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
          : h("p", { class: "list-state empty", text: "No webhook yet." }),
      );
    } catch (error) {
      list.replaceChildren(failure(`Could not load your webhooks: ${error.message}`));
    }
  };
  const secret = h("div", { id: "webhook-secret-box" });
  const form = h(
    "form",
    { id: "webhook-form", class: "stacked", novalidate: true },
    formErrorBox(),
    field("Receiver URL", { name: "url", type: "url", required: true, placeholder: "https://example.com/hooks/pinmark" }),
    eventChoices(),
    submitRow("Add webhook"),
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
  const reload = h("button", { type: "button", id: "refresh-webhooks", text: "Refresh the delivery logs" });
  reload.addEventListener("click", refresh);
  refresh();
  return h(
    "section",
    { id: "webhooks", "aria-labelledby": "webhooks-title" },
    h("h2", { id: "webhooks-title", text: "Webhooks" }),
    h("p", {
      text:
        "A webhook POSTs a signed JSON message to your server when something happens to your " +
        "images or your account. Failed deliveries are tried again for about a day.",
    }),
    form,
    secret,
    h("h3", { text: "Your webhooks" }),
    h("p", {}, reload),
    list,
  );
}
