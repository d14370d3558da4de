// The login form: name and password as JSON, with the login-CSRF token the page carries (its
// cookie twin is HttpOnly). On success the server set the session cookie: go to the dashboard.
import { api, enable } from "./common.js";

const form = document.getElementById("login-form");
form?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = document.getElementById("login-status");
  status.textContent = "checking…";
  const body = { name: form.elements.name.value, password: form.elements.password.value };
  const { status: code, data } = await api("POST", "/api/v1/login", body);
  if (code === 200) { location.assign("/"); return; }
  form.elements.password.value = "";
  status.textContent = data && data.error ? data.error : `not logged in (error ${code})`;
});
enable(form?.querySelector("button[type=submit]"));
