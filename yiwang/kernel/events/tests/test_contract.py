from yiwang.kernel.testing.contract import ModuleContract


class TestEventsContract(ModuleContract):
    app_label = "events"
