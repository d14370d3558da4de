// The accounts page (admins): add, change and remove accounts through /api/v1/users.
import { api, enable } from "./common.js";

const status = document.getElementById("status");
const codes = (text) => text.split(",").map((code) => code.trim()).filter(Boolean);

document.getElementById("add-user").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const body = {
    name: form.elements.name.value.trim(),
    role: form.elements.role.value,
    languages: codes(form.elements.languages.value),
    password: form.elements.password.value,
  };
  const { status: code, data } = await api("POST", "/api/v1/users", body);
  if (code === 201) { location.reload(); return; }
  status.textContent = `not added: ${data && data.error ? data.error : "error " + code}`;
});
enable(document.querySelector("#add-user button[type=submit]"));

for (const row of document.querySelectorAll("#users tbody tr")) {
  const name = row.dataset.name;
  const url = `/api/v1/users/${encodeURIComponent(name)}`;
  row.querySelector(".change").addEventListener("click", async () => {
    const body = { role: row.querySelector(".role").value, languages: codes(row.querySelector(".languages").value) };
    const password = row.querySelector(".password").value;
    if (password) body.password = password;
    const { status: code, data } = await api("PUT", url, body);
    status.textContent = code === 200 ? `${name} changed` : `not changed: ${data && data.error}`;
    row.querySelector(".password").value = "";
  });
  row.querySelector(".remove").addEventListener("click", async () => {
    const { status: code, data } = await api("DELETE", url);
    if (code === 200) { row.remove(); status.textContent = `${name} removed`; }
    else status.textContent = `not removed: ${data && data.error}`;
  });
  enable(row.querySelector(".change"), row.querySelector(".remove"));
}
