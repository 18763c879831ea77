// Marks the API docs page so its base rules (box-sizing, background) apply from ui/yiwang.css.
document.documentElement.classList.add("api-docs");
