requestAnimationFrame(() => {
  const m = document.createElement('mark');
  m.textContent = 'قول';
  document.getElementById('text').prepend(m);
  setTimeout(() => performance.mark('qawl:first-highlight'));
});
