// Minimal page: asks /api/ask and shows the answer with its citations as text (never as HTML).
document.getElementById('ask').addEventListener('submit', async (event) => {
  event.preventDefault();
  const answer = document.getElementById('answer');
  const list = document.getElementById('citations');
  answer.textContent = '…';
  list.replaceChildren();
  try {
    const res = await fetch('/api/ask', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question: document.getElementById('question').value })
    });
    const body = await res.json();
    if (!res.ok) {
      answer.textContent = body.error ? body.error.message : res.statusText;
      return;
    }
    answer.textContent = body.answer;
    for (const c of body.citations) {
      const li = document.createElement('li');
      const label = document.createElement('div');
      label.className = 'label';
      label.textContent = `[${c.n}] ${c.broker || '未知机构'} · ${c.date || '日期不详'} · 《${c.title}》`;
      const text = document.createElement('div');
      text.textContent = c.passage;
      li.append(label, text);
      list.append(li);
    }
  } catch (e) {
    answer.textContent = '无法连接服务器：' + e.message;
  }
});
