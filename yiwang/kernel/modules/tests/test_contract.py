from yiwang.kernel.testing.contract import ModuleContract


class TestModulesContract(ModuleContract):
    app_label = "modules"
