// Seal console: asks "are you sure?" in a native <dialog> before a form marked data-confirm is sent (revoke, destroy,
// reject, suspend, withdraw an authorisation). Keyboard: the dialog takes focus (Cancel first), Esc cancels, Enter on
// a button chooses it. Without JavaScript the form is sent as it is and the server asks on a page of its own.
document.addEventListener('DOMContentLoaded', () => {
  const dialog = document.getElementById('confirm-dialog');
  if (!dialog || typeof dialog.showModal !== 'function') {
    return;
  }
  const text = document.getElementById('confirm-text');
  const yes = document.getElementById('confirm-yes');
  const defaultYes = yes.textContent;
  let pending = null;
  let opener = null;
  document.querySelectorAll('form[data-confirm]').forEach((form) => {
    form.addEventListener('submit', (event) => {
      if (form.dataset.confirmed === 'yes') {
        return;
      }
      event.preventDefault();
      pending = form;
      opener = event.submitter || document.activeElement;
      text.textContent = form.dataset.confirm;
      yes.textContent = form.dataset.confirmButton || defaultYes;
      dialog.returnValue = '';
      dialog.showModal();
    });
  });
  dialog.addEventListener('close', () => {
    const form = pending;
    pending = null;
    if (form && dialog.returnValue === 'confirm') {
      const confirmed = document.createElement('input');
      confirmed.type = 'hidden';
      confirmed.name = 'confirmed';
      confirmed.value = 'yes';
      form.appendChild(confirmed);
      form.dataset.confirmed = 'yes';
      form.submit();
    } else if (opener && typeof opener.focus === 'function') {
      opener.focus();
    }
  });
});
