from minidiff import Text2ImagePipeline


def test_pipeline():
    assert Text2ImagePipeline()("hi") == [10]
