// Stands in for a news site's own script: a share counter and a link
// handler. qawl must leave both working.
const count = document.getElementById('share-count');
document.getElementById('share').addEventListener('click', () => {
  count.textContent = String(Number(count.textContent) + 1);
});
document.getElementById('related').addEventListener('click', (ev) => {
  ev.preventDefault();
  ev.currentTarget.dataset.clicked = String(Number(ev.currentTarget.dataset.clicked || 0) + 1);
});
