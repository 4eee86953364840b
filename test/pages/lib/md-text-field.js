// A small stand-in for Material Web's <md-outlined-text-field> (no network, no library): the same shape where it
// matters to a password manager. The <input> lives in the component's open shadow root, slotted into an inner
// <md-outlined-field>, whose content wrapper stays at opacity 0 while the field is empty and unfocused; the label
// rests over the input meanwhile (pointer-events: none, so a click reaches the input) and floats up once the field
// has focus or a value. The component is form-associated and mirrors its input's value into its form.
const FIELD_STYLE = `
  :host { display: block; position: relative; width: 280px; margin: 12px 0; }
  .field { position: relative; border: 1px solid #79747e; border-radius: 4px; }
  :host([focused]) .field { border: 2px solid #6750a4; margin: -1px; }
  .middle { position: relative; display: flex; }
  .label-wrapper { position: absolute; inset: 0; pointer-events: none; }
  .label { position: absolute; top: 16px; left: 16px; font: 16px/24px Roboto, sans-serif; color: #49454f; transition: all 150ms; }
  :host([focused]) .label, :host([populated]) .label {
    top: -10px; left: 12px; padding: 0 4px; font-size: 12px; line-height: 16px; background: #fff;
  }
  .content { display: flex; flex: 1; opacity: 0; transition: opacity 83ms; }
  :host([focused]) .content, :host([populated]) .content { opacity: 1; }
  ::slotted(input) { all: unset; flex: 1; padding: 16px; font: 16px/24px Roboto, sans-serif; }
`;

class MdOutlinedField extends HTMLElement {
  static observedAttributes = ['label'];
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = `<style>${FIELD_STYLE}</style>
      <div class="field"><div class="middle">
        <div class="label-wrapper"><span class="label"></span></div>
        <div class="content"><slot></slot></div>
      </div></div>`;
  }
  attributeChangedCallback() {
    this.shadowRoot.querySelector('.label').textContent = this.getAttribute('label') ?? '';
  }
}

class MdOutlinedTextField extends HTMLElement {
  static formAssociated = true;
  #internals = this.attachInternals();
  constructor() {
    super();
    this.attachShadow({ mode: 'open', delegatesFocus: true }).innerHTML = `<style>:host { display: inline-block; }</style>
      <md-outlined-field><input class="input"></md-outlined-field>`;
  }
  connectedCallback() {
    const field = this.shadowRoot.querySelector('md-outlined-field');
    const input = this.shadowRoot.querySelector('input');
    const label = this.getAttribute('label') ?? '';
    field.setAttribute('label', label);
    input.type = this.getAttribute('type') ?? 'text';
    input.setAttribute('aria-label', label);
    if (this.hasAttribute('autocomplete')) input.autocomplete = this.getAttribute('autocomplete');
    // The tests read values by data-k (lib/record.js): the host's key goes to its input.
    if (this.dataset.k) input.dataset.k = this.dataset.k;
    const sync = () => {
      field.toggleAttribute('populated', input.value !== '');
      this.#internals.setFormValue(input.value);
    };
    input.addEventListener('input', sync);
    input.addEventListener('focus', () => field.setAttribute('focused', ''));
    input.addEventListener('blur', () => field.removeAttribute('focused'));
    sync();
  }
  get value() {
    return this.shadowRoot.querySelector('input').value;
  }
}

customElements.define('md-outlined-field', MdOutlinedField);
customElements.define('md-outlined-text-field', MdOutlinedTextField);
