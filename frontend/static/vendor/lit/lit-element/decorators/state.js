export*from"@lit/reactive-element/decorators/state.js";
//# sourceMappingURL=state.js.map
