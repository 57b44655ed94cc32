from minidiff import AutoencoderKL


def test_decode():
    assert AutoencoderKL(channels=2).decode([1]) == [3]
