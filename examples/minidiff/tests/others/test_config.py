from minidiff.configuration_utils import ConfigMixin


def test_register():
    config = ConfigMixin()
    config.register_to_config(a=1)
    assert config._internal_dict == {"a": 1}
