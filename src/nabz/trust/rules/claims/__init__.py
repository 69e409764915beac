"""Claims and evidence (CLM3xx). The registry finds every module here.

- CLM301 absolute, guaranteed and cure claims (absolute.py)
- CLM302 efficacy, risk and statistical claims without a citation (evidence.py)
- CLM303 links to low-quality health sources (evidence.py)
- CLM304 a known health myth repeated without correction (myths.py)
- CLM305 drug or device promotion without risk information (promotion.py)
- CLM306 testimonials that imply typical results (promotion.py)
"""
